import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { hasOffset } from '../rules/dates';
import { dateInPracticeZone } from '../directory/practiceZone';

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

/** The calendar date of a date-of-birth instant in the practice's zone, by the rule above. */
export async function dateOfBirthInPracticeZone(
	context: IExecuteFunctions,
	itemIndex: number,
	instant: DateTime,
): Promise<string> {
	return await dateInPracticeZone(context, itemIndex, instant, 'Date of Birth', '1980-05-04');
}
