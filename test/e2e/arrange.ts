/*
 * `meta.e2e.arrange`: what the practice has entered in coreplus before an example runs, put into
 * the emulator just before it (a day-relative diary cannot live in the deterministic seed: "tomorrow"
 * moves). Each appointment and invoice gets a new client of its own, so the seeded clients stay as
 * they are.
 */
import { DateTime } from 'luxon';

import type { EmulatorData, Row } from '../../emulator/data';
import { addClient, addInvoice, book, cancel, setStatus } from '../../emulator/mutations';
import { locationZone } from '../../emulator/schedule';

export interface ArrangedAppointment {
	/** Calendar days after today in the location's zone (1 = tomorrow there). */
	daysFromToday?: number;
	/** Wall-clock start at the location, `HH:mm`. */
	localTime?: string;
	/** Or: the start this many minutes from now (negative: already begun), to the minute. */
	minutesFromNow?: number;
	minutes?: number;
	locationId: string;
	practitionerId: string;
	appointmentTypeId?: string;
	/** Default `Booked`; `Cancelled` cancels it after booking; any other status (`Did Not Arrive`) is set as staff set it. */
	status?: string;
	/** The client's fields (`firstName`, `lastName`, `email`, …); a new client is added with them. */
	client: Row;
}

export interface ArrangedInvoice {
	invoiceNumber: string;
	/** Calendar days before today in Sydney (the emulator's invoice day); default 0. */
	daysAgo?: number;
	lines: Array<{ description: string; amount: number }>;
	/** Whether the client has paid it in full. */
	paid?: boolean;
	/** The client's fields; a new client is added with them. */
	client: Row;
}

export interface Arrangement {
	appointments?: ArrangedAppointment[];
	/** Added as the newest invoices, the last one given first in coreplus' list. */
	invoices?: ArrangedInvoice[];
}

function startOf(data: EmulatorData, wanted: ArrangedAppointment, now: DateTime): DateTime {
	const location = data.locations.find((row) => row.locationId === wanted.locationId);
	if (!location) throw new Error(`arrange: no location ${wanted.locationId} in the emulator`);
	if (wanted.minutesFromNow !== undefined)
		return now.plus({ minutes: wanted.minutesFromNow }).startOf('minute');
	if (wanted.daysFromToday === undefined || !wanted.localTime)
		throw new Error('arrange: an appointment needs daysFromToday and localTime, or minutesFromNow');
	const [hour, minute] = wanted.localTime.split(':').map(Number);
	return now
		.setZone(locationZone(location))
		.plus({ days: wanted.daysFromToday })
		.set({ hour, minute, second: 0, millisecond: 0 });
}

function arrangeInvoices(data: EmulatorData, invoices: ArrangedInvoice[], now: DateTime): void {
	for (const wanted of invoices) {
		const client = addClient(data, wanted.client);
		addInvoice(data, {
			clientId: String(client.clientId),
			invoiceNumber: wanted.invoiceNumber,
			generatedAt: now
				.setZone('Australia/Sydney')
				.minus({ days: wanted.daysAgo ?? 0 })
				.toISODate()!,
			lines: wanted.lines,
			paid: wanted.paid,
		});
	}
}

/** Adds the arranged clients, appointments and invoices, in the order given; returns the appointments. */
export function applyArrangement(
	data: EmulatorData,
	arrangement: Arrangement | undefined,
	now: DateTime = DateTime.now(),
): Row[] {
	arrangeInvoices(data, arrangement?.invoices ?? [], now);
	return (arrangement?.appointments ?? []).map((wanted) => {
		const client = addClient(data, wanted.client);
		const row = book(data, {
			start: startOf(data, wanted, now),
			minutes: wanted.minutes,
			locationId: wanted.locationId,
			practitionerId: wanted.practitionerId,
			clientId: String(client.clientId),
		});
		if (wanted.appointmentTypeId) row.appointmentTypeId = wanted.appointmentTypeId;
		if (wanted.status === 'Cancelled') cancel(data, String(row.appointmentId));
		else if (wanted.status) setStatus(data, String(row.appointmentId), wanted.status);
		return row;
	});
}
