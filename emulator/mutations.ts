import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';

import type { EmulatorData, Row } from './data';
import { formatResponseDateTime, parseResponseDateTime } from './dateTimes';
import { ianaForTimezoneId } from './timezones';

/**
 * Changes made to the emulator's diary "by the practice" between two polls of the trigger: what
 * staff do in coreplus' own screens (the API documents no update or cancel endpoint).
 */

export interface Booking {
	start: DateTime;
	minutes?: number;
	/** Defaults to the first location / practitioner / client of the seed. */
	locationId?: string;
	practitionerId?: string;
	clientId?: string;
}

function zoneOf(data: EmulatorData, locationId: unknown): string {
	const location = data.locations.find((row) => row.locationId === locationId);
	const zone = location && ianaForTimezoneId(String(location.timezoneId));
	if (!zone) throw new Error(`mutations: unknown location ${String(locationId)}`);
	return zone;
}

function appointment(data: EmulatorData, id: string): Row {
	const row = data.appointments.find((a) => a.appointmentId === id);
	if (!row) throw new Error(`mutations: no appointment ${id}`);
	return row;
}

function nextReference(data: EmulatorData): number {
	let highest = 100000;
	for (const row of data.appointments)
		highest = Math.max(highest, Number(row.appointmentReferenceNumber) || 0);
	return highest + 1;
}

/** Books an appointment the way the emulator's POST Appointment/ stores one; returns the stored row. */
export function book(data: EmulatorData, booking: Booking, reference = nextReference(data)): Row {
	const locationId = booking.locationId ?? String(data.locations[0].locationId);
	const zone = zoneOf(data, locationId);
	const row: Row = {
		appointmentId: randomUUID(),
		appointmentReferenceNumber: String(reference),
		status: 'Booked',
		practitioner: {
			practitionerId: booking.practitionerId ?? data.practitioners[0].practitionerId,
		},
		subject: '',
		notes: '',
		locationId,
		appointmentTypeId: null,
		startDateTime: formatResponseDateTime(booking.start, zone),
		endDateTime: formatResponseDateTime(
			booking.start.plus({ minutes: booking.minutes ?? 30 }),
			zone,
		),
		clients: [{ clientId: booking.clientId ?? data.clients[0].clientId }],
		isEmailReminderRequired: false,
		isSmsReminderRequired: false,
		notifyPractitioner: false,
	};
	data.appointments.push(row);
	return row;
}

/** Books `count` appointments, `everyMinutes` apart from `first`; returns them in time order. */
export function bookMany(
	data: EmulatorData,
	count: number,
	first: DateTime,
	everyMinutes = 30,
): Row[] {
	const reference = nextReference(data);
	return Array.from({ length: count }, (_, index) =>
		book(data, { start: first.plus({ minutes: index * everyMinutes }) }, reference + index),
	);
}

/**
 * A clinic's diary: `perDay` appointments on each weekday (Monday to Friday, in `from`'s zone)
 * of the `days` days from `from`'s date, spread evenly over opening hours (08:00-18:00 unless
 * said). Returns them in time order.
 */
export function bookClinicDiary(
	data: EmulatorData,
	from: DateTime,
	days: number,
	perDay: number,
	hours: { open: number; close: number } = { open: 8, close: 18 },
): Row[] {
	const rows: Row[] = [];
	const every = ((hours.close - hours.open) * 60) / perDay;
	for (let day = 0; day < days; day++) {
		const date = from.startOf('day').plus({ days: day });
		if (date.weekday > 5) continue;
		rows.push(...bookMany(data, perDay, date.set({ hour: hours.open }), every));
	}
	return rows;
}

/** Reschedules, keeping the duration. */
export function move(data: EmulatorData, appointmentId: string, start: DateTime): Row {
	const row = appointment(data, appointmentId);
	const zone = zoneOf(data, row.locationId);
	const minutes = parseResponseDateTime(row.endDateTime).diff(
		parseResponseDateTime(row.startDateTime),
		'minutes',
	).minutes;
	row.startDateTime = formatResponseDateTime(start, zone);
	row.endDateTime = formatResponseDateTime(start.plus({ minutes }), zone);
	return row;
}

export function reassign(data: EmulatorData, appointmentId: string, practitionerId: string): Row {
	const row = appointment(data, appointmentId);
	row.practitioner = { practitionerId };
	return row;
}

/** Cancels: the record stays, with status "Cancelled" (what the emulator serves for a cancelled appointment). */
export function cancel(data: EmulatorData, appointmentId: string): Row {
	const row = appointment(data, appointmentId);
	row.status = 'Cancelled';
	return row;
}

/** Deletes the record outright (the list and GET Appointment/{id} then no longer know it). */
export function remove(data: EmulatorData, appointmentId: string): void {
	data.appointments.splice(data.appointments.indexOf(appointment(data, appointmentId)), 1);
}

/** Adds a client at the end of the client list. */
export function addClient(data: EmulatorData, fields: Row = {}): Row {
	const row: Row = {
		clientId: randomUUID(),
		title: 'Ms',
		firstName: 'Nova',
		middleName: '',
		lastName: 'Quinn',
		preferredName: '',
		dateOfBirth: '1990-01-01T00:00:00',
		gender: 'Female',
		practitionerId: data.practitioners[0].practitionerId,
		culture: '',
		pronouns: '',
		relatedClients: [],
		...fields,
	};
	data.clients.push(row);
	return row;
}
