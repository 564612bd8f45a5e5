import { runCoreplus, useEmulator } from '../../harness/helpers';
import { TIMEZONES } from '../../emulator/timezones';
import { bookParameters, seeded } from '../booking/fixtures';

const env = useEmulator();

type Case = [string, (ids: ReturnType<typeof seeded>) => Record<string, unknown>, RegExp];

const book = (
	ids: ReturnType<typeof seeded>,
	extra: Record<string, unknown>,
	clientId: unknown = ids.client.clientId,
) =>
	bookParameters(
		{ practitionerId: ids.aisha.practitionerId, locationId: ids.sydney.locationId, clientId },
		extra,
	) as Record<string, unknown>;
const slots = (extra: Record<string, unknown>) => ({
	resource: 'availabilitySlot',
	operation: 'getMany',
	timeZoneSource: 'timezoneId',
	timezoneId: TIMEZONES.sydney.timezoneId,
	...extra,
});

const CASES: Case[] = [
	// An expression that finds nothing in the input item (the editor itself refuses an empty field).
	[
		'Book without a client',
		(ids) =>
			book(ids, { start: '2026-05-11T10:00', end: '2026-05-11T11:00' }, '={{ $json.clientId }}'),
		/^Invalid "Client" in item 0: a value is required/,
	],
	[
		'Book without a practitioner',
		(ids) => ({
			...book(ids, { start: '2026-05-11T10:00', end: '2026-05-11T11:00' }),
			practitionerId: '={{ $json.practitionerId }}',
		}),
		/^Invalid "Practitioner" in item 0/,
	],
	[
		'Book with an unparseable start',
		(ids) => book(ids, { start: 'next Tuesday', end: '2026-05-11T11:00' }),
		/^Invalid "Start" in item 0: "next Tuesday" is not a date/,
	],
	[
		'Book with an end before the start',
		(ids) => book(ids, { start: '2026-05-11T10:00', end: '2026-05-11T09:00' }),
		/^Invalid "End" in item 0: .* is not after the Start/,
	],
	[
		'Book with an end before the start, both in UTC',
		(ids) => book(ids, { start: '2026-05-11T10:00:00Z', end: '2026-05-11T09:00:00+00:00' }),
		/^Invalid "End" in item 0/,
	],
	[
		'Book with neither end nor appointment type',
		(ids) => book(ids, { start: '2026-05-11T10:00' }),
		/^Invalid "End" in item 0: an end is needed when no Appointment Type is chosen/,
	],
	[
		'Book with a 301-character subject',
		(ids) =>
			book(ids, {
				start: '2026-05-11T10:00',
				end: '2026-05-11T11:00',
				additionalFields: { subject: 'x'.repeat(301) },
			}),
		/^Invalid "Subject" in item 0: 301 characters is too long/,
	],
	[
		'Book with an unknown time zone name',
		(ids) =>
			book(ids, {
				start: '2026-05-11T10:00',
				end: '2026-05-11T11:00',
				additionalFields: { timeZone: 'Mars/Olympus' },
			}),
		/^Invalid "Location Time Zone" in item 0/,
	],
	[
		'Slots with an end before the start',
		() => slots({ startDate: '2026-05-11', endDate: '2026-05-10' }),
		/^Invalid "End Date" in item 0: 2026-05-10 is before the Start Date 2026-05-11/,
	],
	[
		'Slots over more than 31 days',
		() => slots({ startDate: '2026-05-01', endDate: '2026-06-01' }),
		/^Invalid "End Date" in item 0: the range covers 32 days/,
	],
	[
		'Slots with an unparseable start date',
		() => slots({ startDate: '31/05/2026', endDate: '2026-06-01' }),
		/^Invalid "Start Date" in item 0/,
	],
	[
		'Slots with a malformed timezone id',
		() => slots({ startDate: '2026-05-01', endDate: '2026-05-02', timezoneId: 'Australia/Sydney' }),
		/^Invalid "Timezone ID" in item 0/,
	],
	[
		'Appointments with an end before the start',
		() => ({
			...slots({ startDate: '2026-05-11', endDate: '2026-05-01' }),
			resource: 'appointment',
		}),
		/^Invalid "End Date" in item 0/,
	],
	[
		'Get with an id that is not an id',
		() => ({ resource: 'appointment', operation: 'get', appointmentId: '../client' }),
		/^Invalid "Appointment ID" in item 0/,
	],
];

test.each(CASES)('%s is refused before any request', async (_name, parameters, message) => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, parameters(seeded(emulator)) as never);
	expect(result.error?.message).toMatch(message);
	expect(emulator.requests).toHaveLength(0);
});
