import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { bookParameters, seeded } from './fixtures';

/**
 * The location and appointment-type lists are read once per execution and credential,
 * shared by every item, and read again by the next execution (never cached across runs).
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

/** `count` half-hour bookings one after another from 2026-06-01 08:00, Sydney wall-clock time. */
function startTimes(count: number) {
	const first = DateTime.fromISO('2026-06-01T08:00');
	return Array.from({ length: count }, (_, index) => ({
		json: { start: first.plus({ minutes: 30 * index }).toFormat("yyyy-MM-dd'T'HH:mm") },
	}));
}

function bookBatch(count: number, extra: Record<string, unknown> = {}) {
	const { emulator } = env;
	const { sydney, aisha, client, standard30 } = seeded(emulator);
	const parameters = bookParameters(
		{
			practitionerId: aisha.practitionerId,
			locationId: sydney.locationId,
			clientId: client.clientId,
		},
		{
			start: '={{ $json.start }}',
			appointmentTypeId: standard30.appointmentTypeId,
			simplify: false,
			...extra,
		},
	);
	return runCoreplus(emulator, parameters, { input: startTimes(count) });
}

// Answered requests (a rare 429 caused by the shared machine's timing is retried and not counted).
const count = (path: string, method = 'GET') =>
	env.emulator.apiRequests(path).filter((r) => r.method === method && r.status !== 429).length;

test('100 bookings with End empty cost 100 bookings + one location list + one appointment-type list', async () => {
	const result = await bookBatch(100);
	expect(result.error).toBeUndefined();
	// Bookings overlap (several in flight) but the output keeps the items' order.
	const expectedStarts = startTimes(100).map(({ json }) =>
		DateTime.fromISO(json.start, { zone: 'Australia/Sydney' }).toISO({
			suppressMilliseconds: true,
		}),
	);
	expect(jsonOf(result.output('coreplus')).map((item) => item.start)).toEqual(expectedStarts);
	expect(result.output('coreplus').map((item) => item.pairedItem)).toEqual(
		startTimes(100).map((_, item) => ({ item })),
	);
	expect(env.emulator.data.appointments).toHaveLength(100);
	expect(count('appointment', 'POST')).toBe(100);
	expect(count('location')).toBe(1);
	expect(count('appointmenttype')).toBe(1);
	expect(env.emulator.requests.filter((r) => r.status !== 429).length).toBeLessThanOrEqual(102);
	// Each end is the type's 30 minutes after its own start.
	// Bookings overlap, so the emulator may receive them in another order than the items.
	const bodies = env.emulator
		.apiRequests('appointment')
		.filter((r) => r.method === 'POST' && r.status !== 429)
		.map((r) => JSON.parse(r.rawBody.toString('utf8')) as Record<string, unknown>);
	expect(bodies).toContainEqual(
		expect.objectContaining({
			startDateTime: '2026-06-01 08:00 +10:00',
			endDateTime: '2026-06-01 08:30 +10:00',
		}),
	);
}, 60_000);

test('the next execution reads the lists again: an appointment type created in between is bookable', async () => {
	expect((await bookBatch(2)).error).toBeUndefined();
	expect(count('location')).toBe(1);
	env.emulator.resetLog();
	env.emulator.data.appointments.length = 0;
	const { emulator } = env;
	const created = {
		appointmentTypeId: '00003001-0003-4001-8007-00000000abcd',
		description: 'Brand new',
		durationMinutes: 45,
		blockColour: '000000',
	};
	emulator.data.appointmentTypes.push(created);
	try {
		const second = await bookBatch(1, { appointmentTypeId: created.appointmentTypeId });
		expect(second.error).toBeUndefined();
		expect(count('location')).toBe(1);
		expect(count('appointmenttype')).toBe(1);
		const [post] = emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
		expect(JSON.parse(post.rawBody.toString('utf8'))).toMatchObject({
			endDateTime: '2026-06-01 08:45 +10:00',
		});
	} finally {
		emulator.data.appointmentTypes.pop();
	}
}, 120_000);

test('a failed list read is not kept: the next item reads the list again', async () => {
	// One read of 4 attempts fails; the items in flight with it (Book runs 4 at a time) share its failure.
	env.emulator.injectFault({
		kind: 'status',
		method: 'GET',
		path: 'location',
		status: 500,
		times: 4,
	});
	const { aisha, sydney, client } = seeded(env.emulator);
	const result = await runCoreplus(
		env.emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start: '={{ $json.start }}', end: '={{ $json.end }}', requestOptions: { retryDelayMs: 0 } },
		),
		{
			input: startTimes(5).map(({ json }) => ({
				json: { ...json, end: json.start.replace(/:00$/, ':20').replace(/:30$/, ':50') },
			})),
			nodeExtra: { continueOnFail: true },
		},
	);
	expect(result.error).toBeUndefined();
	const items = jsonOf(result.output('coreplus'));
	expect(items[0].error).toMatch(/Location/);
	expect(items[4].appointmentId).toEqual(expect.any(String));
	expect(count('location')).toBe(5);
}, 120_000);

test('without Continue On Fail, a failing item stops the batch: no item after it is started', async () => {
	const { emulator } = env;
	const { aisha, sydney, client, standard30 } = seeded(emulator);
	const input = startTimes(10).map(({ json }, index) => ({
		json: index === 1 ? { start: 'next Tuesday' } : json,
	}));
	const result = await runCoreplus(
		emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start: '={{ $json.start }}', appointmentTypeId: standard30.appointmentTypeId },
		),
		{ input },
	);
	expect(result.error?.message).toMatch(/^Invalid "Start" in item 1:/);
	// Items 0, 2 and 3 were already in flight (4 at a time) and complete; items 4 to 9 never start.
	expect(count('appointment', 'POST')).toBeLessThanOrEqual(3);
	expect(emulator.data.appointments.length).toBeLessThanOrEqual(3);
});
