import type { IDataObject } from 'n8n-workflow';

import {
	ianaZoneOfLocation,
	timezoneIdOfLocation,
	zoneNameOfLocation,
} from '../../nodes/Coreplus/helpers/rules/timezones';
import type { CheckRow } from './checks';

/**
 * Rows of the conformance table that check a shape public clients of the live API show
 * (docs/coreplus-api.md), each naming that evidence, so that a server answering otherwise is visible.
 */
export const EVIDENCE = {
	locationZone:
		'timeZone: { timezoneId, tzName } with tzName an IANA name written with "\\" (voice agent 2026)',
	appointmentTypeName: 'the type named by "description" (public clients of the live API)',
	slotsKey: 'rows under "timeslots" (WordPress plugin 2016, voice agent 2026)',
} as const;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the first zoned location names its zone, against the evidenced nested object. */
export function locationZoneCheck(row: CheckRow, locations: IDataObject[]): CheckRow {
	const withRow = (verdict: CheckRow['verdict'], node: string): CheckRow => ({
		...row,
		verdict: row.verdict === 'FAILS' ? 'FAILS' : verdict,
		node: row.verdict === 'FAILS' ? row.node : node,
		evidence: EVIDENCE.locationZone,
	});
	const zoned = locations.find((location) => timezoneIdOfLocation(location));
	if (!zoned)
		return withRow(
			'FAILS',
			'no location carries a timezoneId: appointment lists and slot searches need one',
		);
	const name = zoneNameOfLocation(zoned);
	const zone = ianaZoneOfLocation(zoned);
	const nested = isObject(zoned.timeZone) && zoned.timeZone.timezoneId !== undefined;
	const where = nested ? 'nested timeZone' : 'top-level fields (the inferred shape)';
	if (!zone)
		return withRow(
			'differs, adapted',
			`zone in ${where}, named ${name === undefined ? 'nothing' : `"${name}"`}: not a zone the node knows; Book then needs its "Location Time Zone" field`,
		);
	const verdict = nested ? 'holds' : 'differs, adapted';
	return withRow(verdict, `${row.node}; zone in ${where}: "${name}" read as ${zone}`);
}

/** Whether appointment types carry their name in `description`. */
export function appointmentTypeNameCheck(row: CheckRow, types: IDataObject[]): CheckRow {
	const evidence = EVIDENCE.appointmentTypeName;
	if (row.verdict === 'FAILS' || !types.length) return { ...row, evidence };
	const named = types.filter((type) => typeof type.description === 'string').length;
	if (named === types.length) return { ...row, evidence };
	return {
		...row,
		evidence,
		verdict: 'differs, adapted',
		node: `${row.node}; ${types.length - named} of ${types.length} row(s) carry no "description": their name is read from "name", or the id is shown`,
	};
}
