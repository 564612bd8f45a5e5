import { DateTime } from 'luxon';

import { book } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { readCredentials } from '../../nodes/Coreplus/transport/credentials';
import { signRequestToken } from '../../nodes/Coreplus/transport/signing';
import { seeded } from './fixtures';

/* The emulator's cancel and reschedule on their own: strict about ids and bodies, in coreplus' error shape. */
const env = useEmulator({ rateLimit: false });
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

async function post(path: string, body: unknown) {
	const { emulator } = env;
	const url = `${emulator.url}/API/Core/v2/${path}`;
	const token = signRequestToken(readCredentials(emulator.credentials()), url, 'POST');
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', Authorization: `JwToken ${token}` },
		body: JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, any> };
}

function booked(localStart = '2026-05-20T09:00') {
	const { sydney, aisha, client } = seeded(env.emulator);
	return book(env.emulator.data, {
		start: DateTime.fromISO(localStart, { zone: 'Australia/Sydney' }),
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
}

const reason = (answer: { json: Record<string, any> }) => answer.json.result?.[0]?.reason;

test('both cancel forms answer { appointment } with status Cancelled; cancelling again answers the same', async () => {
	const first = booked();
	const second = booked('2026-05-20T10:00');
	const byBody = await post('Appointment/', {
		deleted: 'true',
		appointmentId: first.appointmentId,
	});
	expect(byBody).toMatchObject({ status: 200, json: { appointment: { status: 'Cancelled' } } });
	const byId = await post(`Appointment/${String(second.appointmentId)}/`, { deleted: true });
	expect(byId).toMatchObject({ status: 200, json: { appointment: { status: 'Cancelled' } } });
	const again = await post('Appointment/', { deleted: 'true', appointmentId: first.appointmentId });
	expect(again.status).toBe(200);
});

test('unknown ids are 404, bad bodies 400 naming the field', async () => {
	const appointment = booked();
	const id = String(appointment.appointmentId);
	const unknown = 'a1b2c3d4-0000-4000-8000-000000000000';
	expect(await post('Appointment/', { deleted: 'true', appointmentId: unknown })).toMatchObject({
		status: 404,
	});
	expect((await post(`Appointment/${unknown}/`, { deleted: true })).status).toBe(404);
	expect(reason(await post('Appointment/', { deleted: 'true' }))).toBe(
		'appointmentId is required to cancel',
	);
	expect(reason(await post(`Appointment/${id}/`, { deleted: false }))).toBe(
		'deleted must be true (or "true") to cancel',
	);
	expect(
		reason(await post(`Appointment/${id}/`, { startDateTime: '2026-05-22 14:00 +10:00' })),
	).toBe('endDateTime must be a DateTimeOffset such as 2021-09-07 09:00 +10:00');
	expect(
		reason(
			await post(`Appointment/${id}/`, {
				startDateTime: '2026-05-22 14:00 +08:00',
				endDateTime: '2026-05-22 14:30 +08:00',
			}),
		),
	).toMatch(/^startDateTime has offset \+08:00 but the location's time zone is at \+10:00/);
	expect(
		reason(
			await post(`Appointment/${id}/`, {
				startDateTime: '2026-05-22 14:00 +10:00',
				endDateTime: '2026-05-22 14:30 +10:00',
				practitionerId: unknown,
			}),
		),
	).toBe(`practitionerId ${unknown} was not found`);
	expect(appointment.startDateTime).toBe('2026-05-20T09:00:00 +10:00');
});

test('a reschedule takes practitioner as practitionerId or { practitionerId }; a taken time gets the same refusal as a booking', async () => {
	const appointment = booked();
	booked('2026-05-22T14:00');
	const { bella } = seeded(env.emulator);
	const times = {
		startDateTime: '2026-05-21 09:00 +10:00',
		endDateTime: '2026-05-21 09:30 +10:00',
	};
	const nested = await post(`Appointment/${String(appointment.appointmentId)}/`, {
		...times,
		practitioner: { practitionerId: bella.practitionerId },
		notes: 'moved',
	});
	expect(nested.json.appointment).toMatchObject({
		practitioner: { practitionerId: bella.practitionerId },
		startDateTime: '2026-05-21T09:00:00 +10:00',
		notes: 'moved',
	});
	const refused = await post(`Appointment/${String(appointment.appointmentId)}/`, {
		startDateTime: '2026-05-22 14:00 +10:00',
		endDateTime: '2026-05-22 14:30 +10:00',
		practitionerId: seeded(env.emulator).aisha.practitionerId,
	});
	const { sydney, aisha, client } = seeded(env.emulator);
	const bookingRefused = await post('Appointment/', {
		startDateTime: '2026-05-22 14:00 +10:00',
		endDateTime: '2026-05-22 14:30 +10:00',
		practitioner: { practitionerId: aisha.practitionerId },
		locationId: sydney.locationId,
		clients: [{ clientId: client.clientId }],
	});
	expect({ status: refused.status, json: refused.json }).toEqual({
		status: bookingRefused.status,
		json: bookingRefused.json,
	});
	expect(refused.status).toBeGreaterThanOrEqual(400);
});
