import { jsonOf } from '../../harness/engine';
import { bookParameters, seeded } from '../booking/fixtures';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * Values that expressions and AI agents send as text are read
 * the way a person means them, never silently the opposite.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

/** Books the seeded client with Dr Aisha Rahman at the Sydney clinic, times written as given. */
async function bookWithAisha(start: string, end: string) {
	const { sydney, aisha, client } = seeded(env.emulator);
	return await runCoreplus(
		env.emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start, end },
		),
	);
}

test('Return All "false" with Limit "5" returns 5 rows; Return All "true" returns all', async () => {
	const { emulator } = env;
	const limited = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'getMany',
		returnAll: '={{ "false" }}',
		limit: '={{ "5" }}',
	});
	expect(limited.error).toBeUndefined();
	expect(jsonOf(limited.output('coreplus'))).toHaveLength(5);
	expect(emulator.apiRequests('client')[0].query.get('pageSize')).toBe('5');

	const all = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'getMany',
		returnAll: '={{ "true" }}',
	});
	expect(jsonOf(all.output('coreplus'))).toHaveLength(emulator.data.clients.length);
});

test('Include Practitioner Profile(s) and Cancellation Details given as "true" are sent', async () => {
	const { emulator } = env;
	const booked = await bookWithAisha('2026-12-01 09:00', '2026-12-01 09:30');
	expect(booked.error).toBeUndefined();
	const appointmentId = String(jsonOf(booked.output('coreplus'))[0].appointmentId);
	emulator.resetLog();
	await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'get',
		appointmentId,
		options: { getPractitionerProfiles: '={{ "true" }}', cancellationId: '={{ "TRUE" }}' },
	});
	expect(emulator.requests[0].url).toMatch(/\?getPractitionerProfiles=true&cancellationId=true$/);
	emulator.resetLog();
	await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'getMany',
		startDate: '2026-12-01',
		endDate: '2026-12-01',
		timeZoneSource: 'location',
		timeZoneLocationId: seeded(emulator).sydney.locationId,
		getPractitionerProfiles: '={{ "true" }}',
		returnAll: true,
	} as never);
	expect(emulator.apiRequests('appointment')[0].query.get('getPractitionerProfiles')).toBe('true');
});

test('a date written "2026-12-01 09:00" is the clinic\'s 9 am', async () => {
	const { emulator } = env;
	const booked = await bookWithAisha('2026-12-02 09:00', '2026-12-02 09:45');
	expect(booked.error).toBeUndefined();
	const [post] = emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
	expect(JSON.parse(post.rawBody.toString('utf8'))).toMatchObject({
		startDateTime: '2026-12-02 09:00 +11:00',
		endDateTime: '2026-12-02 09:45 +11:00',
	});
});
