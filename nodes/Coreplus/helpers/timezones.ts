import { DateTime, IANAZone } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

/**
 * coreplus names a location's time zone by a GUID-like `timezoneId` (documented example
 * 39D62534-501C-49CD-9DA9-6FA8D6A81F48), which says nothing about offsets. To write a booking's
 * DateTimeOffset the node needs the IANA zone, so it reads the location's time zone NAME
 * (inferred field `timezoneName`, a Windows zone name as .NET servers use, e.g.
 * "AUS Eastern Standard Time") and maps it here. An IANA name in that field is accepted as is.
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

/** Location fields that may carry a time zone name (the location endpoint is undocumented). */
const NAME_FIELDS = ['timezoneName', 'timeZoneName', 'timezone', 'timeZone'] as const;

/** The IANA zone for a Windows or IANA time zone name, or undefined when unknown. */
export function ianaZoneFor(name: unknown): string | undefined {
	if (typeof name !== 'string' || !name.trim()) return undefined;
	const text = name.trim();
	const mapped = WINDOWS_TO_IANA[text.toLowerCase()];
	if (mapped) return mapped;
	return IANAZone.isValidZone(text) && text.includes('/') ? text : undefined;
}

/** The IANA zone of a coreplus location record, or undefined when it names none we know. */
export function ianaZoneOfLocation(location: IDataObject): string | undefined {
	for (const field of NAME_FIELDS) {
		const zone = ianaZoneFor(location[field]);
		if (zone) return zone;
	}
	return undefined;
}

/**
 * coreplus' request DateTimeOffset form, documented as `yyyy-mm-dd hh:mm` plus the offset, 24 h:
 * the wall-clock time in `zone` followed by that zone's offset at that instant, e.g.
 * "2026-04-05 09:00 +10:00" (the day Sydney leaves daylight saving).
 */
export function toCoreplusDateTimeOffset(instant: DateTime, zone: string): string {
	return instant.setZone(zone).toFormat('yyyy-MM-dd HH:mm ZZ');
}
