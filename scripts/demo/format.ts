import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

/** "Tuesday 24 November, 9:00 am (+11:00)": a coreplus time as the clinic's reception would say it. */
export function clinicTime(iso: unknown): string {
	const time = DateTime.fromISO(String(iso), { setZone: true });
	if (!time.isValid) return String(iso);
	return `${time.toFormat('cccc d LLLL, h:mm a').replace(/AM|PM/, (m) => m.toLowerCase())} (${time.toFormat('ZZ')})`;
}

export function personName(row: IDataObject | undefined): string {
	if (!row) return 'someone';
	return (
		[row.title, row.firstName, row.lastName]
			.filter((part) => typeof part === 'string' && part)
			.join(' ') || String(row.practitionerId ?? row.clientId)
	);
}

export function minutesBetween(start: unknown, end: unknown): number {
	return Math.round(
		DateTime.fromISO(String(end)).diff(DateTime.fromISO(String(start)), 'minutes').minutes,
	);
}
