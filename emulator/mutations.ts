import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';

import type { EmulatorData, Row } from './data';
import { formatResponseDateTime, parseResponseDateTime } from './dateTimes';
import { centsOf, findInvoice, moneyText } from './invoices';
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

/** Marks the appointment's status, as the practice does for attendance ("Attended", "Did Not Arrive"). */
export function setStatus(data: EmulatorData, appointmentId: string, status: string): Row {
	const row = appointment(data, appointmentId);
	row.status = status;
	return row;
}

/** Deletes the record outright (the list and GET Appointment/{id} then no longer know it). */
export function remove(data: EmulatorData, appointmentId: string): void {
	data.appointments.splice(data.appointments.indexOf(appointment(data, appointmentId)), 1);
}

export interface NewInvoice {
	clientId: string;
	invoiceNumber: string;
	/** The invoice's day, `yyyy-mm-dd`. */
	generatedAt: string;
	lines: Array<{ description: string; amount: number }>;
	/** Whether the client has paid it in full (`payInFull`, today). */
	paid?: boolean;
}

/** Adds an invoice as the newest (first listed), changed now; paid in full if asked. */
export function addInvoice(data: EmulatorData, invoice: NewInvoice): Row {
	const lineItems = invoice.lines.map((line) => ({
		lineItemId: randomUUID(),
		productId: randomUUID(),
		description: line.description,
		itemNumber: '',
		unitAmount: line.amount,
		taxAmount: 0,
		lineAmount: line.amount,
		quantity: 1,
	}));
	const row: Row = {
		invoiceId: randomUUID(),
		invoiceNumber: invoice.invoiceNumber,
		clientId: invoice.clientId,
		generatedAt: invoice.generatedAt,
		lineItems,
		practitionerId: data.practitioners[0].practitionerId,
		locationId: data.locations[0].locationId,
		clientGroupId: null,
		appointmentId: null,
		locked: false,
		updatedAt: DateTime.utc().toISO(),
	};
	data.invoices.unshift(row);
	if (invoice.paid) payInFull(data, String(row.invoiceId));
	return row;
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

/** What is owing on one line of an invoice, in cents: its amount less credits, plus refunds. */
function lineOwingCents(data: EmulatorData, invoiceId: unknown, line: Row): number {
	return data.payments
		.filter((payment) => payment.invoiceId === invoiceId && payment.lineItemId === line.lineItemId)
		.reduce(
			(sum, payment) =>
				sum + (payment.type === 'Refund' ? 1 : -1) * centsOf(String(payment.amountPaid)),
			Math.round(Number(line.lineAmount) * 100),
		);
}

/** Staff take payment in full at the desk: a credit for what each line still owes; the invoice's update time moves to now. */
export function payInFull(data: EmulatorData, invoiceId: string): Row {
	const invoice = findInvoice(data.invoices, invoiceId);
	for (const line of invoice.lineItems as Row[]) {
		const owing = lineOwingCents(data, invoice.invoiceId, line);
		if (owing <= 0) continue;
		data.payments.push({
			invoiceId: invoice.invoiceId,
			lineItemId: line.lineItemId,
			amountPaid: moneyText(owing),
			datePaid: DateTime.now().setZone('Australia/Sydney').toISODate(),
			paymentMethodId: data.paymentMethods[0].paymentMethodId,
			paymentNotes: '',
			type: 'Credit',
		});
	}
	invoice.updatedAt = DateTime.utc().toISO();
	return invoice;
}

/**
 * Local times of a week at which a trigger's quiet poll costs differ most, as [days after a
 * Monday, hour, minute]: just after midnight (today full), morning, afternoon, evening, just after
 * the next midnight, Friday night (tomorrow empty), Saturday (today empty), Sunday night
 * (tomorrow full). The bench and the budget test poll at each.
 */
export const TIMES_OF_THE_WEEK: ReadonlyArray<[number, number, number]> = [
	[0, 0, 30],
	[0, 7, 0],
	[0, 13, 0],
	[0, 20, 25],
	[1, 0, 5],
	[4, 22, 0],
	[5, 10, 0],
	[6, 23, 30],
];
