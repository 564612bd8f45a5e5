import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import {
	ianaZoneFor,
	toCoreplusDateTimeOffset,
} from '../../nodes/Coreplus/helpers/rules/timezones';
import { bookParameters, seeded } from './fixtures';

const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

type Zone = 'sydney' | 'melbourne' | 'brisbane' | 'adelaide' | 'perth';

// Daylight saving in 2026: ends Sunday 5 April at 03:00 local, starts Sunday 4 October at 02:00.
// Brisbane and Perth have none; Adelaide is half an hour behind Sydney.
const DST_TABLE: Array<[Zone, string, string]> = [
	['sydney', '2026-04-04T09:00', '2026-04-04 09:00 +11:00'],
	['sydney', '2026-04-05T09:00', '2026-04-05 09:00 +10:00'],
	['sydney', '2026-04-05T01:30', '2026-04-05 01:30 +11:00'],
	['sydney', '2026-10-03T09:00', '2026-10-03 09:00 +10:00'],
	['sydney', '2026-10-04T09:00', '2026-10-04 09:00 +11:00'],
	['melbourne', '2026-04-05T09:00', '2026-04-05 09:00 +10:00'],
	['melbourne', '2026-10-04T09:00', '2026-10-04 09:00 +11:00'],
	['brisbane', '2026-04-04T09:00', '2026-04-04 09:00 +10:00'],
	['brisbane', '2026-10-04T09:00', '2026-10-04 09:00 +10:00'],
	['adelaide', '2026-04-04T09:00', '2026-04-04 09:00 +10:30'],
	['adelaide', '2026-04-05T09:00', '2026-04-05 09:00 +09:30'],
	['adelaide', '2026-10-04T09:00', '2026-10-04 09:00 +10:30'],
	['perth', '2026-01-15T09:00', '2026-01-15 09:00 +08:00'],
	['perth', '2026-07-15T09:00', '2026-07-15 09:00 +08:00'],
	// Given with an offset or in UTC: converted to the location's zone first.
	['sydney', '2026-04-04T22:30:00Z', '2026-04-05 08:30 +10:00'],
	['sydney', '2026-04-04T15:30:00Z', '2026-04-05 02:30 +11:00'],
	['sydney', '2026-04-05T09:00:00+08:00', '2026-04-05 11:00 +10:00'],
	['adelaide', '2026-10-03T23:00:00Z', '2026-10-04 09:30 +10:30'],
	['perth', '2026-10-04T09:00:00+11:00', '2026-10-04 06:00 +08:00'],
	// coreplus' own response form (a slot's startDateTime, space before the offset) is accepted as is.
	['sydney', '2026-04-06T09:00:00 +10:00', '2026-04-06 09:00 +10:00'],
	['brisbane', '2026-10-04T09:00:00 +11:00', '2026-10-04 08:00 +10:00'],
];

test.each(DST_TABLE)(
	'%s: Start %s is sent as %s (end = start + 30 min type)',
	async (zone, start, expected) => {
		const { emulator } = env;
		const fixtures = seeded(emulator);
		const result = await runCoreplus(
			emulator,
			bookParameters(
				{
					practitionerId: fixtures.aisha.practitionerId,
					locationId: fixtures[zone].locationId,
					clientId: fixtures.client.clientId,
				},
				{ start, appointmentTypeId: fixtures.standard30.appointmentTypeId },
			),
		);
		expect(result.error).toBeUndefined();
		const [post] = emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
		const body = post.json as Record<string, unknown>;
		expect(body.startDateTime).toBe(expected);
		const endInstant = new Date(
			Date.parse(expected.replace(' ', 'T').replace(' ', '')) + 30 * 60_000,
		);
		expect(Date.parse(String(body.endDateTime).replace(' ', 'T').replace(' ', ''))).toBe(
			endInstant.getTime(),
		);
		const [appointment] = jsonOf(result.output('coreplus'));
		expect(Date.parse(String(appointment.start))).toBe(
			Date.parse(expected.replace(' ', 'T').replace(' ', '')),
		);
	},
);

test('the end crosses the daylight-saving change with its own offset', async () => {
	const { emulator } = env;
	const { sydney, aisha, client } = seeded(emulator);
	// 01:30 +11:00 plus two hours is 02:30 +10:00 (the clocks went back at 03:00).
	const result = await runCoreplus(
		emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start: '2026-04-05T01:30', end: '2026-04-04T16:30:00Z' },
		),
	);
	expect(result.error).toBeUndefined();
	const [post] = emulator.apiRequests('appointment');
	expect(post.json).toMatchObject({
		startDateTime: '2026-04-05 01:30 +11:00',
		endDateTime: '2026-04-05 02:30 +10:00',
	});
});

test('a wall-clock time skipped when daylight saving starts is refused before booking', async () => {
	const { emulator } = env;
	const { sydney, aisha, client } = seeded(emulator);
	const result = await runCoreplus(
		emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start: '2026-10-04T02:30', end: '2026-10-04T04:00' },
		),
	);
	expect(result.error?.message).toMatch(
		/Invalid "Start" in item 0: 2026-10-04 02:30 does not exist in Australia\/Sydney/,
	);
	expect(emulator.apiRequests('appointment')).toHaveLength(0);
});

test('Windows and IANA zone names map to IANA zones; the request form carries the offset of that instant', () => {
	expect(ianaZoneFor('AUS Eastern Standard Time')).toBe('Australia/Sydney');
	expect(ianaZoneFor('Cen. Australia Standard Time')).toBe('Australia/Adelaide');
	expect(ianaZoneFor('W. Australia Standard Time')).toBe('Australia/Perth');
	expect(ianaZoneFor('E. Australia Standard Time')).toBe('Australia/Brisbane');
	expect(ianaZoneFor('Australia/Melbourne')).toBe('Australia/Melbourne');
	expect(ianaZoneFor('Mars Standard Time')).toBeUndefined();
	const { DateTime } = jest.requireActual('luxon') as typeof import('luxon');
	// Adelaide's repeated half hour: the same wall-clock time, told apart by its offset.
	expect(
		toCoreplusDateTimeOffset(DateTime.fromISO('2026-04-04T16:00:00Z'), 'Australia/Adelaide'),
	).toBe('2026-04-05 02:30 +10:30');
	expect(
		toCoreplusDateTimeOffset(DateTime.fromISO('2026-04-04T17:00:00Z'), 'Australia/Adelaide'),
	).toBe('2026-04-05 02:30 +09:30');
});
