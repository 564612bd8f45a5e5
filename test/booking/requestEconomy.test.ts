import { DateTime } from 'luxon';

import { jsonOf } from '../harness/engine';
import { runCoreplus, useEmulator } from '../helpers';
import { bookParameters, seeded } from './fixtures';

/**
 * Issue 14: the location and appointment-type lists are read once per execution and credential,
 * shared by every item, and read again by the next execution (never cached across runs).
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

/** `count` half-hour bookings one after another from 2026-06-01 08:00, Sydney wall-clock time. */
function startTimes(count: number) {
	const first = DateTime.fromISO('2026-06-01T08:00');
	return Array.from({ length: count }, (_, index) => ({ json: { start: first.plus({ minutes: 30 * index }).toFormat("yyyy-MM-dd'T'HH:mm") } }));
}

function bookBatch(count: number, extra: Record<string, unknown> = {}) {
	const { emulator } = env;
	const { sydney, aisha, client, standard30 } = seeded(emulator);
	const parameters = bookParameters(
		{ practitionerId: aisha.practitionerId, locationId: sydney.locationId, clientId: client.clientId },
		{ start: '={{ $json.start }}', appointmentTypeId: standard30.appointmentTypeId, ...extra },
	);
	return runCoreplus(emulator, parameters, { input: startTimes(count) });
}

// Answered requests (a rare 429 caused by the shared machine's timing is retried and not counted).
const count = (path: string, method = 'GET') => env.emulator.apiRequests(path).filter((r) => r.method === method && r.status !== 429).length;

test('100 bookings with End empty cost 100 bookings + one location list + one appointment-type list', async () => {
	const result = await bookBatch(100);
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toHaveLength(100);
	expect(env.emulator.data.appointments).toHaveLength(100);
	expect(count('appointment', 'POST')).toBe(100);
	expect(count('location')).toBe(1);
	expect(count('appointmenttype')).toBe(1);
	expect(env.emulator.requests.filter((r) => r.status !== 429).length).toBeLessThanOrEqual(102);
	// Each end is the type's 30 minutes after its own start.
	const [firstPost] = env.emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
	expect(JSON.parse(firstPost.rawBody.toString('utf8'))).toMatchObject({ startDateTime: '2026-06-01 08:00 +10:00', endDateTime: '2026-06-01 08:30 +10:00' });
}, 60_000);

test('the next execution reads the lists again: an appointment type created in between is bookable', async () => {
	expect((await bookBatch(2)).error).toBeUndefined();
	expect(count('location')).toBe(1);
	env.emulator.resetLog();
	env.emulator.data.appointments.length = 0;
	const { emulator } = env;
	const created = { appointmentTypeId: '00003001-0003-4001-8007-00000000abcd', description: 'Brand new', durationMinutes: 45, blockColour: '000000' };
	emulator.data.appointmentTypes.push(created);
	try {
		const second = await bookBatch(1, { appointmentTypeId: created.appointmentTypeId });
		expect(second.error).toBeUndefined();
		expect(count('location')).toBe(1);
		expect(count('appointmenttype')).toBe(1);
		const [post] = emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
		expect(JSON.parse(post.rawBody.toString('utf8'))).toMatchObject({ endDateTime: '2026-06-01 08:45 +10:00' });
	} finally {
		emulator.data.appointmentTypes.pop();
	}
}, 30_000);

test('a failed list read is not kept: the next item reads the list again', async () => {
	env.emulator.injectFault({ kind: 'status', method: 'GET', path: 'location', status: 500, times: 4 });
	const result = await runCoreplus(
		env.emulator,
		bookParameters(
			{ practitionerId: seeded(env.emulator).aisha.practitionerId, locationId: seeded(env.emulator).sydney.locationId, clientId: seeded(env.emulator).client.clientId },
			{ start: '={{ $json.start }}', end: '={{ $json.start.replace("T08:", "T09:").replace("T08:30", "T09:30") }}', requestOptions: { retryDelayMs: 0 } },
		),
		{ input: startTimes(2), nodeExtra: { continueOnFail: true } },
	);
	expect(result.error).toBeUndefined();
	const items = jsonOf(result.output('coreplus'));
	expect(items[0].error).toMatch(/Location/);
	expect(items[1].appointmentId).toEqual(expect.any(String));
	expect(count('location')).toBe(5);
}, 30_000);
