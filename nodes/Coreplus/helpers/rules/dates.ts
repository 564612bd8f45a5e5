import { DateTime } from 'luxon';

/** Whether a date-time text ends in a UTC offset or Z, i.e. names an instant rather than a wall-clock time. */
export function hasOffset(text: string): boolean {
	return /([+-]\d{2}:?\d{2}|Z)$/i.test(text.trim());
}

/** A date or time coreplus left empty (absent, null or blank): no value, as opposed to an unreadable one. */
export function isBlankDateValue(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/**
 * coreplus writes date-times as "2021-09-07T09:00:00 +10:00" (a space before the offset, not
 * ISO 8601) and dates of birth as "1984-05-07T00:00:00". Returns strict ISO 8601, or undefined
 * when the text is not a date-time.
 */
export function normalizeCoreplusDateTime(value: unknown): string | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const compact = value.trim().replace(/\s+(?=[+-]\d{2}:?\d{2}$|Z$)/, '');
	const parsed = DateTime.fromISO(compact.replace(' ', 'T'), { setZone: true, zone: 'UTC' });
	if (!parsed.isValid) return undefined;
	return hasOffset(compact)
		? parsed.toISO({ suppressMilliseconds: true })!
		: parsed.toISO({ includeOffset: false, suppressMilliseconds: true })!;
}

/**
 * THE reader of a coreplus time, for every comparison and display (Simplify, Reschedule, Book's
 * look-up of a lost booking, the past rule, the trigger): the instant of a coreplus date-time,
 * with its own offset when it carries one, else read as the wall-clock time of `zone` (the
 * location's, never the n8n host's). Undefined when it is not a date-time, or has no offset and
 * no zone is known.
 */
export function coreplusInstant(value: unknown, zone: string | undefined): DateTime | undefined {
	const iso = normalizeCoreplusDateTime(value);
	if (!iso) return undefined;
	if (hasOffset(iso)) return DateTime.fromISO(iso, { setZone: true });
	return zone ? DateTime.fromISO(iso, { zone }) : undefined;
}
