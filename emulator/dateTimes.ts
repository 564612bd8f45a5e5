import { DateTime } from 'luxon';

import { EmulatorHttpError } from './http';
import { ianaForTimezoneId } from './timezones';

/**
 * Date and time forms as coreplus uses them. Responses write "2021-09-07T09:00:00 +10:00" (a
 * space before the offset); request bodies are documented as DateTimeOffset `yyyy-mm-dd hh:mm`
 * plus the offset. The emulator also accepts ISO 8601, which the documentation does not rule out.
 */
const BODY_FORM = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{2}:\d{2}|Z)$/;

/** Parses a request date-time; it must carry an offset (a DateTimeOffset). */
export function parseBodyDateTime(
	value: unknown,
	field: string,
): { instant: DateTime; offset: string } {
	const match = typeof value === 'string' ? BODY_FORM.exec(value.trim()) : null;
	const parsed = match
		? DateTime.fromISO(`${match[1]}T${match[2]}${match[3]}`, { setZone: true })
		: undefined;
	if (!match || !parsed?.isValid) {
		throw new EmulatorHttpError(
			400,
			`${field} must be a DateTimeOffset such as 2021-09-07 09:00 +10:00`,
		);
	}
	return { instant: parsed, offset: match[3] === 'Z' ? '+00:00' : match[3] };
}

/** The response form: local time in `zone`, a space, then the offset. */
export function formatResponseDateTime(instant: DateTime, zone: string): string {
	return instant.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss ZZ");
}

/** Parses what the emulator itself stored in response form. */
export function parseResponseDateTime(value: unknown): DateTime {
	return DateTime.fromISO(String(value).replace(' ', ''), { setZone: true });
}

/** A `yyyy-mm-dd` query date, required. */
export function queryDate(query: URLSearchParams, name: string): string {
	const value = query.get(name);
	if (!value) throw new EmulatorHttpError(400, `${name} is required`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
		throw new EmulatorHttpError(400, `${name} must be a date in the form yyyy-mm-dd`);
	}
	return value;
}

/** The IANA zone for the `timezoneId` query parameter, required. */
export function queryZone(query: URLSearchParams): string {
	const timezoneId = query.get('timezoneId');
	if (!timezoneId) throw new EmulatorHttpError(400, 'timezoneId is required');
	const zone = ianaForTimezoneId(timezoneId);
	if (!zone) throw new EmulatorHttpError(400, `Unknown timezoneId ${timezoneId}`);
	return zone;
}

/** [start of startDate, start of the day after endDate) in `zone`, as documented: dates are read in that zone. */
export function queryRange(query: URLSearchParams, zone: string): { from: DateTime; to: DateTime } {
	const from = DateTime.fromISO(queryDate(query, 'startDate'), { zone });
	const to = DateTime.fromISO(queryDate(query, 'endDate'), { zone }).plus({ days: 1 });
	if (to <= from) throw new EmulatorHttpError(400, 'endDate must not be before startDate');
	return { from, to };
}
