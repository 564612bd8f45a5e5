import { DateTime, IANAZone } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

/**
 * coreplus names a location's time zone by a GUID-like `timezoneId` (documented example
 * 39D62534-501C-49CD-9DA9-6FA8D6A81F48), which says nothing about offsets. To write a booking's
 * DateTimeOffset the node needs the IANA zone, so it reads the location's time zone NAME. Public
 * clients of the live API read it from a nested `timeZone: { timezoneId, tzName }`, `tzName` being
 * an IANA name written with a backslash, `Australia\Melbourne` (voice agent 2026,
 * docs/coreplus-api.md#locations); the shape inferred before that (top-level `timezoneId` plus a Windows name such as
 * "AUS Eastern Standard Time", as .NET servers use) is read too.
 */
const WINDOWS_TO_IANA: Record<string, string> = {
	// Australia (Windows zone names from the Unicode CLDR windowsZones table).
	'aus eastern standard time': 'Australia/Sydney',
	'e. australia standard time': 'Australia/Brisbane',
	'cen. australia standard time': 'Australia/Adelaide',
	'aus central standard time': 'Australia/Darwin',
	'w. australia standard time': 'Australia/Perth',
	'tasmania standard time': 'Australia/Hobart',
	'lord howe standard time': 'Australia/Lord_Howe',
	'aus central w. standard time': 'Australia/Eucla',
	// Neighbours coreplus practices are found in.
	'new zealand standard time': 'Pacific/Auckland',
	'chatham islands standard time': 'Pacific/Chatham',
	'west pacific standard time': 'Pacific/Port_Moresby',
	'fiji standard time': 'Pacific/Fiji',
	'singapore standard time': 'Asia/Singapore',
	'gmt standard time': 'Europe/London',
	utc: 'UTC',
};

/** Fields that may carry a time zone name: of the nested `timeZone` object first, then top-level (inferred). */
const NESTED_NAME_FIELDS = ['tzName', 'timezoneName', 'timeZoneName', 'name'] as const;
const NAME_FIELDS = ['timezoneName', 'timeZoneName', 'tzName', 'timezone', 'timeZone'] as const;
/** Keys of the nested object (`timeZone` in the evidence; other casings tolerated). */
const NESTED_KEYS = ['timeZone', 'timezone', 'TimeZone'] as const;

/** The IANA zone for a Windows or IANA time zone name (`/` or coreplus' `\\`), or undefined when unknown. */
export function ianaZoneFor(name: unknown): string | undefined {
	if (typeof name !== 'string' || !name.trim()) return undefined;
	const text = name.trim();
	const mapped = WINDOWS_TO_IANA[text.toLowerCase()];
	if (mapped) return mapped;
	const iana = text.replace(/\\/g, '/');
	return IANAZone.isValidZone(iana) && iana.includes('/') ? iana : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The nested `timeZone: { timezoneId, tzName }` object of a location, when it has one. */
function nestedZone(location: IDataObject): IDataObject | undefined {
	const key = NESTED_KEYS.find((candidate) => isObject(location[candidate]));
	return key ? (location[key] as IDataObject) : undefined;
}

const nonEmpty = (value: unknown) =>
	typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** coreplus' id of a location's zone (what slot and appointment searches take): nested, else top-level. */
export function timezoneIdOfLocation(location: IDataObject): string | undefined {
	return nonEmpty(nestedZone(location)?.timezoneId) ?? nonEmpty(location.timezoneId);
}

/** Every zone name candidate of a location, nested ones first. */
function zoneNames(location: IDataObject): unknown[] {
	const nested = nestedZone(location);
	return [
		...NESTED_NAME_FIELDS.map((field) => nested?.[field]),
		...NAME_FIELDS.map((field) => location[field]),
	];
}

/** The zone's name as the location gives it (for labels), nested or top-level. */
export function zoneNameOfLocation(location: IDataObject): string | undefined {
	return zoneNames(location).map(nonEmpty).find(Boolean);
}

/** The IANA zone of a coreplus location record, or undefined when it names none we know. */
export function ianaZoneOfLocation(location: IDataObject): string | undefined {
	return zoneNames(location).map(ianaZoneFor).find(Boolean);
}

/** What a location says about its zone, for errors: the zone fields received, or every field name. */
export function describeZoneFields(location: IDataObject): string {
	const zoneKeys = Object.keys(location).filter((key) => /time ?zone|tz/i.test(key));
	if (!zoneKeys.length)
		return `no time zone field; fields received: ${Object.keys(location).join(', ') || 'none'}`;
	return zoneKeys.map((key) => `${key}: ${JSON.stringify(location[key])}`).join(', ');
}

/**
 * coreplus' request DateTimeOffset form, documented as `yyyy-mm-dd hh:mm` plus the offset, 24 h:
 * the wall-clock time in `zone` followed by that zone's offset at that instant, e.g.
 * "2026-04-05 09:00 +10:00" (the day Sydney leaves daylight saving).
 */
export function toCoreplusDateTimeOffset(instant: DateTime, zone: string): string {
	return instant.setZone(zone).toFormat('yyyy-MM-dd HH:mm ZZ');
}
