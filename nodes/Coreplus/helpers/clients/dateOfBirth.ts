import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { announce } from '../output/notices';
import { hasOffset } from '../rules/dates';
import { readDirectory } from '../directory/directoryLists';
import { ianaZoneOfLocation } from '../rules/timezones';
import { invalidParameter } from '../validation/validation';

/**
 * A date of birth is a calendar date, but forms and other systems often send it as an instant:
 * local midnight converted to UTC (`1980-05-04T14:00:00Z` is 5 May at midnight in Sydney). Read in
 * UTC it is the wrong day, and the returning patient would be created twice.
 *
 * The rule: a date of birth with a UTC offset (or `Z`), or a JavaScript Date, is read in the
 * practice's zone, taken from the zones of its coreplus locations (the location list, read once
 * per execution):
 * 1. when the instant is midnight in one of them, that zone's date (how a date becomes an instant);
 * 2. else when every location zone gives the same date, that date;
 * 3. else an error: the practice spans zones that disagree on the day, and the node will not guess;
 * 4. when no location names a zone the node knows, the workflow's time zone, with a notice.
 * A plain date (`1980-05-05`), a date-time without offset, or an n8n/luxon date value (which
 * carries its own zone) is taken as written.
 */
export function readDateOfBirthInstant(value: unknown): DateTime | undefined {
	if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'UTC' });
	if (typeof value !== 'string' || !hasOffset(value) || !/\d{2}:\d{2}/.test(value))
		return undefined;
	const parsed = DateTime.fromISO(value.trim().replace(/\s+(?=[+-]\d|Z$)/i, ''), { setZone: true });
	return parsed.isValid ? parsed : undefined;
}

/**
 * The "Date of Birth" parameter as coreplus' `yyyy-mm-dd`, an instant read by the rule above.
 * `checked` is the date already validated before any request (an instant's UTC date).
 */
export async function settledDateOfBirth(
	context: IExecuteFunctions,
	itemIndex: number,
	checked: string,
): Promise<string> {
	const instant = readDateOfBirthInstant(context.getNodeParameter('dateOfBirth', itemIndex, ''));
	return instant ? await dateOfBirthInPracticeZone(context, itemIndex, instant) : checked;
}

async function practiceZones(context: IExecuteFunctions, itemIndex: number): Promise<string[]> {
	const locations = await readDirectory(context, 'locations', itemIndex);
	const zones = locations.map(ianaZoneOfLocation).filter((zone): zone is string => !!zone);
	return [...new Set(zones)];
}

/** The calendar date of a date-of-birth instant in the practice's zone, by the rule above. */
export async function dateOfBirthInPracticeZone(
	context: IExecuteFunctions,
	itemIndex: number,
	instant: DateTime,
): Promise<string> {
	const zones = await practiceZones(context, itemIndex);
	if (!zones.length) {
		const zone = context.getTimezone();
		announce(
			context,
			`The date of birth ${instant.toISO()} is an instant and no coreplus location names a time zone the node knows, so it was read in the workflow's time zone (${zone})`,
		);
		return instant.setZone(zone).toISODate()!;
	}
	const local = zones.map((zone) => instant.setZone(zone));
	const midnight = local.find((time) => time.hour === 0 && time.minute === 0);
	if (midnight) return midnight.toISODate()!;
	const dates = [...new Set(local.map((time) => time.toISODate()!))];
	if (dates.length === 1) return dates[0];
	throw invalidParameter(
		context,
		itemIndex,
		'Date of Birth',
		`${instant.toISO()} is an instant that falls on different days in the practice's time zones (${local.map((time) => `${time.zoneName}: ${time.toISODate()}`).join(', ')})`,
		'a plain date, e.g. 1980-05-04',
	);
}
