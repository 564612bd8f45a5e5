import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { CoreplusEmulator } from '../../emulator/server';
import { book } from '../../emulator/mutations';
import { seeded } from './fixtures';

/** Appointment → Reschedule (`POST Appointment/{id}/`, docs/coreplus-api.md#appointment-reschedule). */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
	env.emulator.shapes.reset();
});

function booked(emulator: CoreplusEmulator, localStart = '2037-05-20T09:00', minutes = 45) {
	const { sydney, aisha, client } = seeded(emulator);
	return book(emulator.data, {
		start: DateTime.fromISO(localStart, { zone: 'Australia/Sydney' }),
		minutes,
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
}

function reschedule(
	emulator: CoreplusEmulator,
	appointmentId: unknown,
	extra: Record<string, unknown> = {},
) {
	return runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'reschedule',
		appointmentId,
		requestOptions: { retryDelayMs: 0 },
		...extra,
	} as never);
}

const posts = (emulator: CoreplusEmulator) =>
	emulator.apiRequests().filter((request) => request.method === 'POST');

test('moves to the new start in the location zone, keeping the length; confirmed by reading back', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-22T14:00',
	});
	expect(result.error).toBeUndefined();
	expect(posts(emulator).map((r) => [r.path, r.json])).toEqual([
		[
			`Appointment/${appointment.appointmentId}/`,
			{ startDateTime: '2037-05-22 14:00 +10:00', endDateTime: '2037-05-22 14:45 +10:00' },
		],
	]);
	expect(posts(emulator)[0].claims).toMatchObject({
		httpMethod: 'POST',
		url: `${emulator.url}/API/Core/v2/Appointment/${appointment.appointmentId}/`,
	});
	expect(jsonOf(result.output('coreplus'))).toEqual([
		expect.objectContaining({
			appointmentId: appointment.appointmentId,
			startLocal: '2037-05-22 14:00',
			endLocal: '2037-05-22 14:45',
			practitionerName: 'Dr Aisha Rahman',
		}),
	]);
	expect(emulator.data.appointments[0].startDateTime).toBe('2037-05-22T14:00:00 +10:00');
});

test('an explicit end, another practitioner and notes are sent; an instant with Z is converted to the clinic zone', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const { bella } = seeded(emulator);
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-22T04:00:00Z',
		end: '2037-05-22T15:00',
		practitionerId: bella.practitionerId,
		additionalFields: { notes: 'Moved at the client’s request' },
	});
	expect(result.error).toBeUndefined();
	expect(posts(emulator)[0].json).toEqual({
		startDateTime: '2037-05-22 14:00 +10:00',
		endDateTime: '2037-05-22 15:00 +10:00',
		practitionerId: bella.practitionerId,
		notes: 'Moved at the client’s request',
	});
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		practitionerId: bella.practitionerId,
		notes: 'Moved at the client’s request',
	});
});

test.each([400, 200])(
	'a taken time refused at %i is a conflict naming the slot; the appointment stays where it was',
	async (refusalStatus) => {
		const { emulator } = env;
		emulator.shapes.set({ refusalStatus });
		const appointment = booked(emulator);
		booked(emulator, '2037-05-22T14:00', 30);
		const result = await reschedule(emulator, appointment.appointmentId, {
			start: '2037-05-22T14:15',
		});
		expect(result.error?.message).toMatch(
			/^The slot 2037-05-22 14:15 \+10:00 to 2037-05-22 15:00 \+10:00 is not available for practitioner Dr Aisha Rahman/,
		);
		expect(posts(emulator)).toHaveLength(1);
		expect(emulator.data.appointments[0].startDateTime).toBe('2037-05-20T09:00:00 +10:00');
	},
);

test('already at that time: alreadyAtThatTime: true, and nothing is sent', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-20T09:00',
	});
	expect(result.error).toBeUndefined();
	expect(posts(emulator)).toHaveLength(0);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		startLocal: '2037-05-20 09:00',
		alreadyAtThatTime: true,
	});
});

test('a lost answer is resolved by reading back whether it moved: it did, so not sent again', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-22T14:00',
	});
	expect(result.error).toBeUndefined();
	expect(posts(emulator)).toHaveLength(1);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		startLocal: '2037-05-22 14:00',
		recoveredAfterLostResponse: true,
	});
});

test('a 502 after sending (a gateway gave up) is resolved by reading back too', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({ kind: 'status', method: 'POST', path: 'appointment', status: 502 });
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-22T14:00',
	});
	expect(result.error).toBeUndefined();
	// The 502 came before coreplus acted: the read-back shows it unmoved, so it is sent once more.
	expect(posts(emulator).map((r) => r.status)).toEqual([502, 200]);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		startLocal: '2037-05-22 14:00',
		resentAfterLostResponse: true,
	});
});

test('a cancelled appointment is refused before any write', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	appointment.status = 'Cancelled';
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-22T14:00',
	});
	expect(result.error?.message).toBe(
		`Appointment ${String(appointment.appointmentId)} is cancelled and cannot be rescheduled`,
	);
	expect(posts(emulator)).toHaveLength(0);
});

test("Only For Client ID: another client's appointment is not moved", async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const { otherClient } = seeded(emulator);
	const result = await reschedule(emulator, appointment.appointmentId, {
		start: '2037-05-22T14:00',
		additionalFields: { onlyForClientId: otherClient.clientId },
	});
	expect(result.error?.message).toMatch(/is not an appointment of client .*; nothing was changed$/);
	expect(posts(emulator)).toHaveLength(0);
});
