import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { specialtyIdOf } from '../../emulator/schedule';
import { TIMEZONES } from '../../emulator/timezones';
import { seeded } from './fixtures';

const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

const slotSearch = (extra: Record<string, unknown>) =>
	({
		resource: 'availabilitySlot',
		operation: 'getMany',
		returnAll: true,
		simplify: false,
		...extra,
	}) as never;

test("finds free slots in the location's zone, with repeated practitioner and location keys and ISO start/end", async () => {
	const { emulator } = env;
	const { sydney, aisha, bella } = seeded(emulator);
	const result = await runCoreplus(
		emulator,
		slotSearch({
			startDate: '2026-04-04',
			endDate: '2026-04-06',
			timeZoneSource: 'location',
			timeZoneLocationId: sydney.locationId,
			filters: {
				practitionerIds: [aisha.practitionerId, bella.practitionerId],
				locationIds: [sydney.locationId],
			},
		}),
	);
	expect(result.error).toBeUndefined();
	const [received] = emulator.apiRequests('availabilityslot');
	expect(received.query.getAll('practitionerId')).toEqual([
		aisha.practitionerId,
		bella.practitionerId,
	]);
	expect(received.query.getAll('locationId')).toEqual([sydney.locationId]);
	expect(received.query.get('startDate')).toBe('2026-04-04');
	expect(received.query.get('endDate')).toBe('2026-04-06');
	expect(received.query.get('timezoneId')).toBe(TIMEZONES.sydney.timezoneId);
	expect(received.url).toMatch(/practitionerId=[^&]+&practitionerId=[^&]+&locationId=/);

	const slots = jsonOf(result.output('coreplus')).filter(
		(s) => s.practitionerId === aisha.practitionerId,
	);
	// Saturday 4 April is still daylight saving time (+11:00); Monday 6 April is standard time (+10:00).
	expect(slots.map((s) => [s.startDateTime, s.endDateTime])).toEqual([
		['2026-04-04T09:00:00 +11:00', '2026-04-04T13:00:00 +11:00'],
		['2026-04-06T09:00:00 +10:00', '2026-04-06T12:00:00 +10:00'],
		['2026-04-06T13:00:00 +10:00', '2026-04-06T17:00:00 +10:00'],
	]);
	expect(slots[0]).toMatchObject({
		locationId: sydney.locationId,
		start: '2026-04-04T09:00:00+11:00',
		end: '2026-04-04T13:00:00+11:00',
	});
});

test('an appointment type splits free time into its duration and booked time is left out', async () => {
	const { emulator } = env;
	const { sydney, aisha, initial60, client } = seeded(emulator);
	emulator.data.appointments.push({
		appointmentId: 'busy-1',
		status: 'Booked',
		practitioner: { practitionerId: aisha.practitionerId },
		locationId: sydney.locationId,
		startDateTime: '2026-04-06T10:00:00 +10:00',
		endDateTime: '2026-04-06T11:00:00 +10:00',
		clients: [{ clientId: client.clientId }],
	});
	const result = await runCoreplus(
		emulator,
		slotSearch({
			startDate: '2026-04-06',
			endDate: '2026-04-06',
			timeZoneSource: 'timezoneId',
			timezoneId: TIMEZONES.sydney.timezoneId,
			appointmentTypeId: initial60.appointmentTypeId,
			filters: { practitionerIds: [aisha.practitionerId] },
		}),
	);
	expect(result.error).toBeUndefined();
	expect(emulator.apiRequests('location')).toHaveLength(0);
	const [received] = emulator.apiRequests('availabilityslot');
	expect(received.query.get('appointmentTypeId')).toBe(initial60.appointmentTypeId);
	expect(jsonOf(result.output('coreplus')).map((s) => s.start)).toEqual([
		'2026-04-06T09:00:00+10:00',
		'2026-04-06T11:00:00+10:00',
		'2026-04-06T13:00:00+10:00',
		'2026-04-06T14:00:00+10:00',
		'2026-04-06T15:00:00+10:00',
		'2026-04-06T16:00:00+10:00',
	]);
});

test('specialty filters are repeated keys; limit stops early', async () => {
	const { emulator } = env;
	const { perth, aisha, bella } = seeded(emulator);
	const result = await runCoreplus(
		emulator,
		slotSearch({
			returnAll: false,
			limit: 2,
			startDate: '2026-06-01',
			endDate: '2026-06-05',
			timeZoneSource: 'location',
			timeZoneLocationId: perth.locationId,
			filters: { specialtyIds: `${specialtyIdOf(aisha)}, ${specialtyIdOf(bella)}` },
		}),
	);
	expect(result.error).toBeUndefined();
	const [received] = emulator.apiRequests('availabilityslot');
	expect(received.query.getAll('specialtyId')).toEqual([
		specialtyIdOf(aisha),
		specialtyIdOf(bella),
	]);
	expect(received.query.get('pageSize')).toBe('2');
	const slots = jsonOf(result.output('coreplus'));
	expect(slots).toHaveLength(2);
	// Returned in Perth's zone (+08:00), whatever the practitioner's own location.
	expect(slots.every((s) => String(s.startDateTime).endsWith(' +08:00'))).toBe(true);
});

test("a start with an offset is converted to the location's zone before its date is taken", async () => {
	const { emulator } = env;
	const { sydney } = seeded(emulator);
	// 14:30 UTC on 5 April is 00:30 on 6 April in Sydney; 13:59 UTC on 6 April is 23:59 on 6 April.
	const result = await runCoreplus(
		emulator,
		slotSearch({
			startDate: '2026-04-05T14:30:00Z',
			endDate: '2026-04-06T13:59:00Z',
			timeZoneLocationId: sydney.locationId,
		}),
	);
	expect(result.error).toBeUndefined();
	const [received] = emulator.apiRequests('availabilityslot');
	expect([received.query.get('startDate'), received.query.get('endDate')]).toEqual([
		'2026-04-06',
		'2026-04-06',
	]);
});
