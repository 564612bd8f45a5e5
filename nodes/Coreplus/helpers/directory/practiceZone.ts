import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { announce } from '../output/notices';
import { hasOffset } from '../rules/dates';
import { ianaZoneOfLocation } from '../rules/timezones';
import { invalidParameter, parseDateTime } from '../validation/validation';
import { readDirectory } from './directoryLists';

/**
 * The practice's time zone, for values that belong to the practice rather than to one location
 * (a date of birth, the day a payment was made, "changed since"): the zones its coreplus locations
 * name (the location list, read once per execution). With none the node knows, the workflow's
 * time zone stands in, with a notice.
 */
export async function practiceZones(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<string[]> {
	const locations = await readDirectory(context, 'locations', itemIndex);
	const zones = locations.map(ianaZoneOfLocation).filter((zone): zone is string => !!zone);
	return [...new Set(zones)];
}

async function zonesOrWorkflowZone(
	context: IExecuteFunctions,
	itemIndex: number,
	what: string,
): Promise<string[]> {
	const zones = await practiceZones(context, itemIndex);
	if (zones.length) return zones;
	const zone = context.getTimezone();
	announce(
		context,
		`No coreplus location names a time zone the node knows, so ${what} was read in the workflow's time zone (${zone})`,
	);
	return [zone];
}

/**
 * The calendar date of an instant in the practice's zone:
 * 1. when the instant is midnight in one of its zones, that zone's date (how a date becomes an instant);
 * 2. else when every zone gives the same date, that date;
 * 3. else an error naming `label`: the practice spans zones that disagree on the day, and the node will not guess.
 */
export async function dateInPracticeZone(
	context: IExecuteFunctions,
	itemIndex: number,
	instant: DateTime,
	label: string,
	example = '2026-05-04',
): Promise<string> {
	const zones = await zonesOrWorkflowZone(context, itemIndex, `the ${label} ${instant.toISO()}`);
	const local = zones.map((zone) => instant.setZone(zone));
	const midnight = local.find((time) => time.hour === 0 && time.minute === 0);
	if (midnight) return midnight.toISODate()!;
	const dates = [...new Set(local.map((time) => time.toISODate()!))];
	if (dates.length === 1) return dates[0];
	throw invalidParameter(
		context,
		itemIndex,
		label,
		`${instant.toISO()} is an instant that falls on different days in the practice's time zones (${local.map((time) => `${time.zoneName}: ${time.toISODate()}`).join(', ')})`,
		`a plain date, e.g. ${example}`,
	);
}

/**
 * A date-time in the practice's zone. A value with an offset (or an n8n date) is that instant; a
 * wall-clock value is read in the practice's zone, and when its locations lie in several zones,
 * as the earliest of those instants, so that a "since" filter misses nothing. Returned in the zone
 * it was read in (its offset is what coreplus receives).
 */
export async function instantInPracticeZone(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): Promise<DateTime> {
	const checked = parseDateTime(context, itemIndex, value, label);
	const zones = await zonesOrWorkflowZone(context, itemIndex, `"${label}"`);
	const isInstant = typeof value !== 'string' || hasOffset(value);
	if (isInstant) return checked.setZone(zones[0]);
	const readings = zones.map((zone) => parseDateTime(context, itemIndex, value, label, zone));
	return readings.reduce((earliest, reading) => (reading < earliest ? reading : earliest));
}
