import { DateTime } from 'luxon';

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
	const hasOffset = /([+-]\d{2}:?\d{2}|Z)$/.test(compact);
	return hasOffset
		? parsed.toISO({ suppressMilliseconds: true })!
		: parsed.toISO({ includeOffset: false, suppressMilliseconds: true })!;
}
