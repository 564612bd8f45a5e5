import type { Interval } from 'luxon';

import type { EmulatorData, Row } from '../data';
import type { ShapeSwitches } from '../shapes';
import { parseBodyDateTime } from '../dateTimes';
import { EmulatorHttpError } from '../http';
import { isPractitionerFree } from '../schedule';

/** Reading the bodies of `POST Appointment/` (book, cancel) and `POST Appointment/{id}/` (reschedule, cancel). */

export const sameId = (a: unknown, b: unknown) =>
	typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** A record the body refers to; an unknown id is the caller's mistake (400 naming the field). */
export function findRow(rows: Row[], key: string, id: unknown, field: string): Row {
	const row = rows.find((r) => sameId(r[key], id));
	if (!row) throw new EmulatorHttpError(400, `${field} ${String(id)} was not found`);
	return row;
}

export function bodyObject(json: unknown): Row {
	if (typeof json !== 'object' || json === null || Array.isArray(json))
		throw new EmulatorHttpError(400, 'The body must be a JSON object');
	return json as Row;
}

export function optionalText(body: Row, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new EmulatorHttpError(400, `${field} must be a string`);
	if (value.length > 300)
		throw new EmulatorHttpError(400, `${field} must not be longer than 300 characters`);
	return value;
}

export function optionalFlag(body: Row, field: string): boolean {
	const value = body[field];
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean')
		throw new EmulatorHttpError(400, `${field} must be true or false`);
	return value;
}

/** startDateTime and endDateTime of a body: DateTimeOffsets at the location zone's offset, end after start. */
export function bodyTimes(body: Row, zone: string) {
	const start = parseBodyDateTime(body.startDateTime, 'startDateTime');
	const end = parseBodyDateTime(body.endDateTime, 'endDateTime');
	for (const [field, { instant, offset }] of [
		['startDateTime', start],
		['endDateTime', end],
	] as const) {
		const expected = instant.setZone(zone).toFormat('ZZ');
		if (offset !== expected) {
			throw new EmulatorHttpError(
				400,
				`${field} has offset ${offset} but the location's time zone is at ${expected} then`,
			);
		}
	}
	if (end.instant <= start.instant)
		throw new EmulatorHttpError(400, 'endDateTime must be after startDateTime');
	return { start: start.instant, end: end.instant };
}

/**
 * Refuses the interval when the practitioner is busy then (the appointment being moved does not
 * count), with coreplus' refusal of a taken time: one answer for a booking and a reschedule alike,
 * in the shape the emulator is switched to (`emulator/shapes.ts`).
 */
export function requireFreeTime(
	data: EmulatorData,
	practitionerId: string,
	wanted: Interval,
	shapes: ShapeSwitches,
	movingAppointmentId?: string,
): void {
	if (!isPractitionerFree(data, practitionerId, wanted, movingAppointmentId))
		throw shapes.slotTaken();
}
