import { Interval } from 'luxon';

import type { ShapeSwitches } from '../shapes';
import type { EmulatorData, Row } from '../data';
import { formatResponseDateTime } from '../dateTimes';
import { EmulatorHttpError } from '../http';
import { locationZone } from '../schedule';
import {
	bodyObject,
	bodyTimes,
	findRow,
	optionalText,
	requireFreeTime,
	sameId,
} from './appointmentBody';

/**
 * Cancel and reschedule, which coreplus' pages do not document but public clients use
 * (docs/coreplus-api.md#appointment-cancel, #appointment-reschedule):
 * - cancel: `POST Appointment/` with `{ "deleted": "true", "appointmentId" }` (WordPress 2016,
 *   Acuity sync 2025) or `POST Appointment/{id}/` with `{ "deleted": true }` (voice agent 2026);
 * - reschedule: `POST Appointment/{id}/` with `startDateTime`, `endDateTime`, optional `notes` and
 *   practitioner (`practitionerId` as the voice agent sends it, or `practitioner: { practitionerId }`
 *   as a booking does).
 * Both answer `{ appointment: {…} }`. A cancelled appointment stays readable by id with status
 * "Cancelled" (the documented `cancellationId` option of GET Appointment/{id} implies cancelled
 * records are kept); whether the list keeps it is `EmulatorData.cancelledInList`.
 */

const CANCELLED = 'Cancelled';

function isTrueFlag(value: unknown): boolean {
	return value === true || value === 'true';
}

/** A body that asks for a cancel: it carries `deleted` (whatever its value, which is then checked). */
export function isCancelBody(json: unknown): boolean {
	return typeof json === 'object' && json !== null && !Array.isArray(json) && 'deleted' in json;
}

function appointmentById(data: EmulatorData, id: unknown): Row {
	const row = data.appointments.find((a) => sameId(a.appointmentId, id));
	if (!row) throw new EmulatorHttpError(404, `Appointment ${String(id)} was not found`);
	return row;
}

function cancel(row: Row, body: Row): Row {
	if (!isTrueFlag(body.deleted))
		throw new EmulatorHttpError(400, 'deleted must be true (or "true") to cancel');
	for (const field of ['startDateTime', 'endDateTime', 'practitionerId', 'practitioner']) {
		if (field in body) throw new EmulatorHttpError(400, `deleted cannot be combined with ${field}`);
	}
	// Cancelling twice answers the cancelled appointment again.
	row.status = CANCELLED;
	return row;
}

/** `POST Appointment/` with `{ deleted, appointmentId }`. */
export function cancelByBody(data: EmulatorData, json: unknown): Row {
	const body = bodyObject(json);
	if (typeof body.appointmentId !== 'string')
		throw new EmulatorHttpError(400, 'appointmentId is required to cancel');
	return cancel(appointmentById(data, body.appointmentId), body);
}

function requestedPractitioner(data: EmulatorData, body: Row): string | undefined {
	const nested = body.practitioner;
	if (nested !== undefined && (typeof nested !== 'object' || nested === null))
		throw new EmulatorHttpError(400, 'practitioner must be an object { practitionerId }');
	const id = body.practitionerId ?? (nested as Row | undefined)?.practitionerId;
	if (id === undefined) return undefined;
	if (typeof id !== 'string') throw new EmulatorHttpError(400, 'practitionerId must be a string');
	return String(findRow(data.practitioners, 'practitionerId', id, 'practitionerId').practitionerId);
}

function reschedule(data: EmulatorData, row: Row, body: Row, shapes: ShapeSwitches): Row {
	if (row.status === CANCELLED)
		throw new EmulatorHttpError(400, `Appointment ${String(row.appointmentId)} is cancelled`);
	const location = data.locations.find((l) => sameId(l.locationId, row.locationId));
	const zone = locationZone(location);
	const { start, end } = bodyTimes(body, zone);
	const notes = optionalText(body, 'notes');
	const practitionerId =
		requestedPractitioner(data, body) ?? String((row.practitioner as Row).practitionerId);
	requireFreeTime(
		data,
		practitionerId,
		Interval.fromDateTimes(start, end),
		shapes,
		String(row.appointmentId),
	);
	row.startDateTime = formatResponseDateTime(start, zone);
	row.endDateTime = formatResponseDateTime(end, zone);
	row.practitioner = { ...(row.practitioner as Row), practitionerId };
	if (notes !== undefined) row.notes = notes;
	return row;
}

/** `POST Appointment/{id}/`: a cancel when the body says `deleted`, a reschedule otherwise. */
export function changeAppointment(
	data: EmulatorData,
	id: string,
	json: unknown,
	shapes: ShapeSwitches,
): Row {
	const row = appointmentById(data, id);
	const body = bodyObject(json);
	return isCancelBody(body) ? cancel(row, body) : reschedule(data, row, body, shapes);
}

/** Whether the appointment list serves this row (cancelled rows stay unless switched off). */
export function listedInAppointmentList(data: EmulatorData, row: Row): boolean {
	return data.cancelledInList !== 'hidden' || row.status !== CANCELLED;
}
