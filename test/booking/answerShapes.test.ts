import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { CoreplusEmulator } from '../../emulator/server';
import { shapePreset, SHAPE_PRESETS } from '../../emulator/shapes';
import { TIMEZONES } from '../../emulator/timezones';
import { hintsOf } from '../envelopes/helpers';
import { bookParameters, bookSeeded, seeded } from './fixtures';

/**
 * The emulator answers as public clients of the live coreplus API show
 * (slots under `timeslots`, a location's zone in a nested `timeZone: { timezoneId, tzName }`, a
 * refused booking as `result[]` with "The selected time is not available…"), and the node reads
 * every one of those shapes without a notice. The shapes inferred before stay readable.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});
afterEach(() => {
	env.emulator.shapes.reset();
	env.emulator.envelopes.clear();
});

const book = bookSeeded;

function findSlots(emulator: CoreplusEmulator) {
	const { sydney, aisha, standard30 } = seeded(emulator);
	return runCoreplus(emulator, {
		resource: 'availabilitySlot',
		operation: 'getMany',
		startDate: '2026-04-06',
		endDate: '2026-04-06',
		timeZoneSource: 'location',
		timeZoneLocationId: sydney.locationId,
		appointmentTypeId: standard30.appointmentTypeId,
		filters: { practitionerIds: [aisha.practitionerId], locationIds: [sydney.locationId] },
		returnAll: true,
	} as never);
}

const posts = (emulator: CoreplusEmulator, path: string) =>
	emulator.apiRequests(path).filter((r) => r.method === 'POST');

describe('locations name their zone in a nested timeZone object', () => {
	test.each([
		[
			'nested',
			{ timeZone: { timezoneId: TIMEZONES.sydney.timezoneId, tzName: 'Australia\\Sydney' } },
		],
		['topLevel', { timezoneName: 'AUS Eastern Standard Time' }],
	] as const)(
		'(%s) Location → Get Many passes the zone on as sent, plus timezoneId and ianaTimeZone',
		async (locationZone, asSent) => {
			env.emulator.shapes.set({ locationZone });
			const result = await runCoreplus(env.emulator, {
				resource: 'location',
				operation: 'getMany',
				returnAll: true,
			});
			expect(hintsOf(result)).toEqual([]);
			const rows = jsonOf(result.output('coreplus'));
			const sydney = rows.find((l) => l.name === 'Sydney CBD Clinic')!;
			expect(sydney).toMatchObject({
				...asSent,
				timezoneId: TIMEZONES.sydney.timezoneId,
				ianaTimeZone: 'Australia/Sydney',
			});
			// The evidenced shape has no top-level zone name; the inferred one no nested object.
			expect(sydney).not.toHaveProperty(locationZone === 'nested' ? 'timezoneName' : 'timeZone');
		},
	);

	test.each(['nested', 'topLevel'] as const)(
		'(%s) Book writes Sydney times and a slot search finds Sydney slots, with no notice',
		async (locationZone) => {
			const { emulator } = env;
			emulator.shapes.set({ locationZone });
			const booked = await book(emulator, '2026-05-13T14:00');
			expect(booked.error).toBeUndefined();
			expect(hintsOf(booked)).toEqual([]);
			const [post] = posts(emulator, 'appointment');
			expect(post.json).toMatchObject({ startDateTime: '2026-05-13 14:00 +10:00' });

			const slots = await findSlots(emulator);
			expect(slots.error).toBeUndefined();
			expect(hintsOf(slots)).toEqual([]);
			expect(jsonOf(slots.output('coreplus'))[0]).toMatchObject({
				startLocal: '2026-04-06 09:00',
				start: '2026-04-06T09:00:00+10:00',
				timeZone: 'Australia/Sydney',
			});
			const query = emulator.apiRequests('availabilityslot')[0].query;
			expect(query.get('timezoneId')).toBe(TIMEZONES.sydney.timezoneId);
		},
	);

	test('a zone the node does not know fails before booking, naming the location and the fields received', async () => {
		const { emulator } = env;
		const { aisha, client } = seeded(emulator);
		emulator.data.locations.push({
			locationId: 'olympus-1',
			name: 'Olympus Clinic',
			timeZone: { timezoneId: TIMEZONES.sydney.timezoneId, tzName: 'Mars\\Olympus' },
		});
		try {
			const result = await runCoreplus(
				emulator,
				bookParameters(
					{
						practitionerId: aisha.practitionerId,
						locationId: 'olympus-1',
						clientId: client.clientId,
					},
					{ start: '2026-05-13T14:00', end: '2026-05-13T14:30' },
				),
			);
			expect(result.error?.message).toContain(
				'the time zone of location "Olympus Clinic" is not one the node knows (timeZone: {"timezoneId":"39D62534-501C-49CD-9DA9-6FA8D6A81F48","tzName":"Mars\\\\Olympus"})',
			);
			expect(posts(emulator, 'appointment')).toHaveLength(0);
		} finally {
			emulator.data.locations.pop();
		}
	});
});

test('a location with no zone at all fails a slot search before it is sent, naming the location and the fields received', async () => {
	const { emulator } = env;
	emulator.data.locations.push({
		locationId: 'nowhere-1',
		name: 'Nowhere Clinic',
		phoneNumber: '1',
	});
	try {
		const result = await runCoreplus(emulator, {
			resource: 'availabilitySlot',
			operation: 'getMany',
			startDate: '2026-04-06',
			endDate: '2026-04-06',
			timeZoneSource: 'location',
			timeZoneLocationId: 'nowhere-1',
			returnAll: true,
		} as never);
		expect(result.error?.message).toContain(
			'coreplus returned no timezoneId for location "Nowhere Clinic" (no time zone field; fields received: locationId, name, phoneNumber)',
		);
		expect(emulator.apiRequests('availabilityslot')).toHaveLength(0);
	} finally {
		emulator.data.locations.pop();
	}
});

describe('slots come under "timeslots"', () => {
	test('read with no notice', async () => {
		const result = await findSlots(env.emulator);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus')).length).toBeGreaterThan(2);
		expect(hintsOf(result)).toEqual([]);
	});

	test('the inferred "availabilitySlots" key is still read, with a notice', async () => {
		env.emulator.shapes.set({ slotsKey: 'availabilitySlots' });
		const result = await findSlots(env.emulator);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus')).length).toBeGreaterThan(2);
		expect(hintsOf(result)).toEqual([
			expect.stringMatching(/without a "timeslots" list .*read the rows from "availabilitySlots"/),
		]);
	});
});

describe("coreplus' refusal of a taken slot", () => {
	test.each([400, 200, 409])(
		'with the real text at %s: a conflict naming the slot, and a repeated Book of the same booking is alreadyBooked',
		async (refusalStatus) => {
			const { emulator } = env;
			if (refusalStatus === 409)
				emulator.shapes.set({ refusalStatus, slotTakenReason: 'Timeslot not available' });
			else emulator.shapes.set({ refusalStatus });
			const reason = emulator.shapes.current.slotTakenReason;
			expect((await book(emulator, '2026-05-20T09:00')).error).toBeUndefined();

			const clash = await book(emulator, '2026-05-20T09:00', {
				clientId: { __rl: true, mode: 'id', value: seeded(emulator).otherClient.clientId },
			});
			expect(clash.error?.message).toMatch(
				/^The slot 2026-05-20 09:00 \+10:00 to 2026-05-20 09:30 \+10:00 is not available for practitioner Dr Aisha Rahman/,
			);
			expect(clash.error?.description).toContain(reason);
			expect(posts(emulator, 'appointment')[1]).toMatchObject({ status: refusalStatus, reason });

			const again = await book(emulator, '2026-05-20T09:00');
			expect(again.error).toBeUndefined();
			expect(jsonOf(again.output('coreplus'))[0]).toMatchObject({
				appointmentId: emulator.data.appointments[0].appointmentId,
				alreadyBooked: true,
			});
			expect(emulator.data.appointments).toHaveLength(1);
			expect(posts(emulator, 'appointment')).toHaveLength(3);
		},
	);

	test('a refusal answered as a success on a read fails with the reason instead of listing it as rows', async () => {
		const { emulator } = env;
		emulator.injectFault({
			kind: 'status',
			path: 'practitioner',
			status: 200,
			reason: 'Not authorized for viewing practitioner list',
		});
		const result = await runCoreplus(emulator, {
			resource: 'practitioner',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.output('coreplus')).toEqual([]);
		expect(result.error?.message).toBe(
			'coreplus refused GET Practitioner/ (answered as a success): Not authorized for viewing practitioner list',
		);
	});
});

describe('a write coreplus accepted stays a success', () => {
	test('Book answered 2xx without a readable appointment is read back, sent once', async () => {
		const { emulator } = env;
		emulator.envelopes.set({ path: 'appointment', method: 'POST', variant: 'empty' });
		const result = await book(emulator, '2026-05-22T09:00');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			appointmentId: emulator.data.appointments[0].appointmentId,
			recoveredAfterUnreadableAnswer: true,
		});
		expect(posts(emulator, 'appointment')).toHaveLength(1);
	});

	test('Book answered 2xx without a record, and the read-back failing: made, id unknown, with what to check', async () => {
		const { emulator } = env;
		emulator.envelopes.set({ path: 'appointment', method: 'POST', variant: 'empty' });
		emulator.injectFault({
			kind: 'status',
			method: 'GET',
			path: 'appointment',
			status: 503,
			times: 10,
		});
		const result = await book(emulator, '2026-05-22T09:00');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toEqual({
			made: true,
			idUnknown: true,
			appointmentId: null,
			check: expect.stringMatching(/check the practitioner's diary in coreplus on 2026-05-22/),
			response: {},
		});
		expect(hintsOf(result)).toEqual([expect.stringMatching(/it was made, its id is unknown/)]);
		expect(posts(emulator, 'appointment')).toHaveLength(1);
	});
});

test('emulator shape presets: the evidenced default, the inferred set, and a clear error for an unknown name', () => {
	expect(shapePreset(undefined)).toEqual(SHAPE_PRESETS.evidenced);
	expect(shapePreset('inferred')).toMatchObject({
		slotsKey: 'availabilitySlots',
		locationZone: 'topLevel',
		refusalStatus: 409,
	});
	expect(() => shapePreset('legacy')).toThrow(
		'Unknown emulator shapes "legacy": use one of evidenced, inferred, inferred-slots, inferred-location-zone, refusal-200, message-status-only',
	);
});

test('a refusal answered as a success that echoes the access token shows it redacted', async () => {
	const { emulator } = env;
	const accessToken = emulator.credentials().accessToken;
	emulator.injectFault({
		kind: 'status',
		path: 'location',
		status: 200,
		reason: `Token ${accessToken.toUpperCase()} is not enabled for this practice`,
	});
	const result = await runCoreplus(emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
	});
	expect(result.error?.message).toBe(
		'coreplus refused GET Location/ (answered as a success): Token [redacted] is not enabled for this practice',
	);
	expect(JSON.stringify(result.run.data).toLowerCase()).not.toContain(accessToken.toLowerCase());
});
