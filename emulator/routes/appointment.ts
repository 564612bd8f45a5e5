import { randomUUID } from 'node:crypto';

import { Interval } from 'luxon';

import type { EmulatorData, Row } from '../data';
import { formatResponseDateTime, parseResponseDateTime, queryRange, queryZone } from '../dateTimes';
import { EmulatorHttpError } from '../http';
import { pageOf } from '../paging';
import { locationZone } from '../schedule';
import type { ShapeSwitches } from '../shapes';
import {
	bodyObject,
	bodyTimes,
	findRow,
	optionalFlag,
	optionalText,
	requireFreeTime,
	sameId,
} from './appointmentBody';
import {
	cancelByBody,
	changeAppointment,
	isCancelBody,
	listedInAppointmentList,
} from './appointmentChanges';
import type { Route } from './types';

// Parsing every start on every page request made large diaries slow to serve (the bench reads
// 15,000 appointments): each row's parsed start is kept until its text changes.
const parsedStarts = new WeakMap<
	Row,
	{ text: unknown; start: ReturnType<typeof parseResponseDateTime> }
>();
function startOf(appointment: Row): ReturnType<typeof parseResponseDateTime> {
	const cached = parsedStarts.get(appointment);
	if (cached && cached.text === appointment.startDateTime) return cached.start;
	const start = parseResponseDateTime(appointment.startDateTime);
	parsedStarts.set(appointment, { text: appointment.startDateTime, start });
	return start;
}

/** An appointment as served, with times in `zone` and the documented optional extras. */
function present(
	data: EmulatorData,
	appointment: Row,
	zone: string | undefined,
	query: URLSearchParams,
	shapes: ShapeSwitches,
): Row {
	const row: Row = { ...appointment };
	if (zone) {
		row.startDateTime = formatResponseDateTime(
			parseResponseDateTime(appointment.startDateTime),
			zone,
		);
		row.endDateTime = formatResponseDateTime(parseResponseDateTime(appointment.endDateTime), zone);
	}
	if (shapes.current.appointmentTimes === 'offsetless') {
		// The wall-clock time alone: stored times are written in the location's zone.
		const wallClock = (value: unknown) => String(value).replace(/\s*([+-]\d{2}:?\d{2}|Z)$/, '');
		row.startDateTime = wallClock(row.startDateTime);
		row.endDateTime = wallClock(row.endDateTime);
	}
	if (query.get('getPractitionerProfiles')?.toLowerCase() === 'true') {
		const practitioner = data.practitioners.find((p) =>
			sameId(p.practitionerId, (appointment.practitioner as Row).practitionerId),
		);
		row.practitioner = {
			...(appointment.practitioner as Row),
			firstName: practitioner?.firstName,
			lastName: practitioner?.lastName,
		};
	}
	if (query.get('cancellationId')?.toLowerCase() === 'true') {
		row.cancellationReasonId = appointment.cancellationReasonId ?? null;
		row.cancellationNotes = appointment.cancellationNotes ?? null;
	} else {
		delete row.cancellationReasonId;
		delete row.cancellationNotes;
	}
	return row;
}

/** `POST Appointment/` with the documented body; checks each DateTimeOffset against the location's zone. */
function book(data: EmulatorData, json: unknown, shapes: ShapeSwitches): Row {
	const body = bodyObject(json);
	const practitionerId = (body.practitioner as Row | undefined)?.practitionerId;
	if (typeof practitionerId !== 'string')
		throw new EmulatorHttpError(400, 'practitioner.practitionerId is required');
	findRow(data.practitioners, 'practitionerId', practitionerId, 'practitionerId');
	if (typeof body.locationId !== 'string')
		throw new EmulatorHttpError(400, 'locationId is required');
	const location = findRow(data.locations, 'locationId', body.locationId, 'locationId');
	const clients = body.clients;
	if (!Array.isArray(clients) || clients.length === 0)
		throw new EmulatorHttpError(400, 'clients must hold one client');
	if (clients.length > 1)
		throw new EmulatorHttpError(400, 'Only one client per appointment is supported');
	const clientId = (clients[0] as Row)?.clientId;
	findRow(data.clients, 'clientId', clientId, 'clientId');
	if (body.appointmentTypeId !== undefined)
		findRow(
			data.appointmentTypes,
			'appointmentTypeId',
			body.appointmentTypeId,
			'appointmentTypeId',
		);

	const zone = locationZone(location);
	const { start, end } = bodyTimes(body, zone);
	const subject = optionalText(body, 'subject');
	const notes = optionalText(body, 'notes');
	const flags = {
		isEmailReminderRequired: optionalFlag(body, 'isEmailReminderRequired'),
		isSmsReminderRequired: optionalFlag(body, 'isSmsReminderRequired'),
		notifyPractitioner: optionalFlag(body, 'notifyPractitioner'),
	};
	requireFreeTime(data, practitionerId, Interval.fromDateTimes(start, end), shapes);

	const appointment: Row = {
		appointmentId: randomUUID(),
		appointmentReferenceNumber: String(100000 + data.appointments.length + 1),
		status: 'Booked',
		practitioner: { practitionerId },
		subject: subject ?? '',
		notes: notes ?? '',
		locationId: location.locationId,
		appointmentTypeId: body.appointmentTypeId ?? null,
		startDateTime: formatResponseDateTime(start, zone),
		endDateTime: formatResponseDateTime(end, zone),
		clients: [{ clientId }],
		...flags,
	};
	data.appointments.push(appointment);
	return appointment;
}

export const appointmentRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'appointment',
		permission: 'VIEW_APPOINTMENTLIST',
		deniedReason: 'Not authorized for viewing appointment list',
		handle: ({ data, query, shapes }) => {
			const zone = queryZone(query);
			const { from, to } = queryRange(query, zone);
			const rows = data.appointments
				.filter((appointment) => listedInAppointmentList(data, appointment))
				.map((appointment) => ({ appointment, start: startOf(appointment) }))
				.filter(({ start }) => start >= from && start < to)
				.sort((a, b) => a.start.toMillis() - b.start.toMillis())
				.map(({ appointment }) => appointment);
			// Only the served page is formatted: a diary of 15,000 appointments is read 100 at a time.
			const page = pageOf(rows, query, 'appointments');
			return {
				body: {
					...page,
					appointments: (page.appointments as Row[]).map((appointment) =>
						present(data, appointment, zone, query, shapes),
					),
				},
			};
		},
	},
	{
		method: 'GET',
		pattern: 'appointment/:appointmentId',
		permission: 'VIEW_APPOINTMENT',
		deniedReason: 'Not authorized for viewing appointment',
		handle: ({ data, params, query, shapes }) => {
			const appointment = data.appointments.find((a) =>
				sameId(a.appointmentId, params.appointmentId),
			);
			if (!appointment)
				throw new EmulatorHttpError(404, `Appointment ${params.appointmentId} was not found`);
			return { body: { appointment: present(data, appointment, undefined, query, shapes) } };
		},
	},
	{
		method: 'POST',
		pattern: 'appointment',
		permission: 'CREATE_APPOINTMENT',
		deniedReason: 'Not authorized for creating appointment',
		// The same path books, or cancels when the body says `deleted` (docs/coreplus-api.md#appointment-cancel).
		handle: ({ data, json, query, shapes }) => ({
			body: {
				appointment: present(
					data,
					isCancelBody(json) ? cancelByBody(data, json) : book(data, json, shapes),
					undefined,
					query,
					shapes,
				),
			},
		}),
	},
	{
		method: 'POST',
		pattern: 'appointment/:appointmentId',
		permission: 'CREATE_APPOINTMENT',
		deniedReason: 'Not authorized for updating appointment',
		handle: ({ data, json, params, query, shapes }) => ({
			body: {
				appointment: present(
					data,
					changeAppointment(data, params.appointmentId, json, shapes),
					undefined,
					query,
					shapes,
				),
			},
		}),
	},
];
