import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';

import { formatResponseDateTime } from '../../emulator/dateTimes';
import type { CoreplusEmulator } from '../../emulator/server';
import { ianaForTimezoneId } from '../../emulator/timezones';

/** Gives the bundled emulator one appointment tomorrow, so that the check also reads one by id. */
export function seedTomorrowsAppointment(emulator: CoreplusEmulator): void {
	const [location] = emulator.data.locations;
	const zone = ianaForTimezoneId(String(location.timezoneId)) ?? 'UTC';
	const start = DateTime.now()
		.setZone(zone)
		.plus({ days: 1 })
		.set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
	emulator.data.appointments.push({
		appointmentId: randomUUID(),
		status: 'Booked',
		practitioner: { practitionerId: emulator.data.practitioners[0].practitionerId },
		subject: '',
		notes: '',
		locationId: location.locationId,
		appointmentTypeId: null,
		startDateTime: formatResponseDateTime(start, zone),
		endDateTime: formatResponseDateTime(start.plus({ minutes: 30 }), zone),
		clients: [{ clientId: emulator.data.clients[0].clientId }],
	});
}
