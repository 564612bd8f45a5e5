import { randomUUID } from 'node:crypto';

import { DateTime, Settings } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { book } from '../../emulator/mutations';
import { activeTrigger, daysAhead, pollOk } from '../trigger/helpers';
import { bookSeeded, seeded } from './fixtures';

/**
 * A coreplus time without an offset (`2026-05-20T09:00:00`) at a Sydney location is 09:00 in
 * Sydney, whatever zone the n8n host runs in (it was 19:00 on a UTC host, 23:00 in New York):
 * Simplify, Reschedule's read-back and `alreadyAtThatTime`, Book's look-up of a lost booking and
 * the trigger all read it with one reader.
 */
const env = useEmulator();
const savedTz = process.env.TZ;
const savedDefaultZone = Settings.defaultZone;

afterEach(() => {
	process.env.TZ = savedTz;
	Settings.defaultZone = savedDefaultZone;
	env.emulator.data.appointments.length = 0;
	env.emulator.shapes.reset();
});

/** The n8n host runs in `zone`; coreplus writes appointment times without their offset. */
function hostIn(zone: string) {
	process.env.TZ = zone;
	Settings.defaultZone = zone;
	env.emulator.shapes.set({ appointmentTimes: 'offsetless' });
}

/** A 45-minute appointment at the Sydney clinic, at a Sydney wall-clock time. */
function bookedInSydney(localStart: string) {
	const { sydney, aisha, client } = seeded(env.emulator);
	return book(env.emulator.data, {
		start: DateTime.fromISO(localStart, { zone: 'Australia/Sydney' }),
		minutes: 45,
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
}

const reschedule = (appointmentId: unknown, start: string) =>
	runCoreplus(env.emulator, {
		resource: 'appointment',
		operation: 'reschedule',
		appointmentId,
		start,
		requestOptions: { retryDelayMs: 0 },
	} as never);
const posts = () => env.emulator.apiRequests().filter((request) => request.method === 'POST');

describe.each(['UTC', 'America/New_York'])('on a host in %s', (hostZone) => {
	test('Reschedule confirms a move whose read-back has offset-less times', async () => {
		hostIn(hostZone);
		const appointment = bookedInSydney('2037-05-20T09:00');
		const result = await reschedule(appointment.appointmentId, '2037-05-22T14:00');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			startLocal: '2037-05-22 14:00',
			endLocal: '2037-05-22 14:45',
			start: '2037-05-22T14:00:00+10:00',
		});
		expect(posts().map((request) => request.json)).toEqual([
			{ startDateTime: '2037-05-22 14:00 +10:00', endDateTime: '2037-05-22 14:45 +10:00' },
		]);
	});

	test('Reschedule to the time it already has: alreadyAtThatTime, nothing sent', async () => {
		hostIn(hostZone);
		const appointment = bookedInSydney('2037-05-20T09:00');
		const result = await reschedule(appointment.appointmentId, '2037-05-20T09:00');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({ alreadyAtThatTime: true });
		expect(posts()).toHaveLength(0);
	});

	test("Book's look-up of a lost booking finds it in an offset-less list", async () => {
		hostIn(hostZone);
		env.emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
		const result = await bookSeeded(env.emulator, '2037-05-20T09:00');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			appointmentId: env.emulator.data.appointments[0].appointmentId,
			recoveredAfterLostResponse: true,
		});
		expect(posts()).toHaveLength(1);
	});

	test("the trigger reads an offset-less start in the practice's zone", async () => {
		hostIn(hostZone);
		const trigger = activeTrigger(env.emulator, { events: ['newAppointment'] });
		expect(await pollOk(trigger)).toBeNull();
		const start = daysAhead(2);
		const appointment = book(env.emulator.data, { start });
		const [event] = (await pollOk(trigger)) ?? [];
		expect(event).toMatchObject({
			event: 'newAppointment',
			start: start.toISO({ suppressMilliseconds: true, includeOffset: true }),
		});
		expect((event.record as { appointmentId: unknown }).appointmentId).toBe(
			appointment.appointmentId,
		);
	});
});

test.each(['UTC', 'America/New_York'])(
	'Simplify reads an offset-less time in the location zone on a host in %s',
	async (hostZone) => {
		process.env.TZ = hostZone;
		Settings.defaultZone = hostZone;
		const { emulator } = env;
		const { sydney, aisha, client } = seeded(emulator);
		const appointmentId = randomUUID();
		emulator.data.appointments.push({
			appointmentId,
			appointmentReferenceNumber: '100777',
			status: 'Booked',
			practitioner: { practitionerId: aisha.practitionerId },
			locationId: sydney.locationId,
			appointmentTypeId: null,
			startDateTime: '2037-05-20T09:00:00',
			endDateTime: '2037-05-20T09:30:00',
			clients: [{ clientId: client.clientId }],
		});
		const result = await runCoreplus(emulator, {
			resource: 'appointment',
			operation: 'get',
			appointmentId,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			startLocal: '2037-05-20 09:00',
			endLocal: '2037-05-20 09:30',
			start: '2037-05-20T09:00:00+10:00',
			end: '2037-05-20T09:30:00+10:00',
			timeZone: 'Australia/Sydney',
		});
	},
);
