import { jsonOf } from '../../harness/engine';
import { CoreplusEmulator } from '../../emulator/server';
import { EmulatorHttpError } from '../../emulator/http';
import { routes } from '../../emulator/routes';
import { useEmulator } from '../../harness/helpers';
import { bookSeeded, seeded } from './fixtures';

/** A lost booking whose look-up fails too; conflicts that are our own booking; what a conflict is. */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

const book = bookSeeded;

test('answer lost and look-up failing: the error says the fate is unknown, with practitioner, client, start and what to check; a re-run recognises the booking', async () => {
	const { emulator } = env;
	const { client } = seeded(emulator);
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
	emulator.injectFault({
		kind: 'status',
		method: 'GET',
		path: 'appointment',
		status: 503,
		times: 10,
	});
	const lost = await book(emulator, '2026-05-20T09:00');
	expect(lost.error?.message).toBe(
		`The booking's fate is unknown: practitioner Dr Aisha Rahman (${seeded(emulator).aisha.practitionerId}), client ${String(client.clientId)}, start 2026-05-20 09:00 +10:00. ` +
			'Its answer was lost and the look-up failed (coreplus refused GET Appointment/ (HTTP 503): Service Unavailable (after 4 attempts))',
	);
	expect(lost.error?.description).toMatch(
		/check the practitioner's diary in coreplus on 2026-05-20/,
	);
	expect(emulator.data.appointments).toHaveLength(1);
	expect(emulator.apiRequests('appointment').filter((r) => r.method === 'POST')).toHaveLength(1);

	// Retry On Fail / a re-run: coreplus answers "Timeslot not available" against our own booking.
	emulator.clearFaults();
	const again = await book(emulator, '2026-05-20T09:00');
	expect(again.error).toBeUndefined();
	expect(jsonOf(again.output('coreplus'))[0]).toMatchObject({
		appointmentId: emulator.data.appointments[0].appointmentId,
		alreadyBooked: true,
	});
	expect(emulator.data.appointments).toHaveLength(1);
});

test("a conflict with someone else's booking stays a conflict error", async () => {
	const { emulator } = env;
	expect((await book(emulator, '2026-05-21T09:00')).error).toBeUndefined();
	const other = await book(emulator, '2026-05-21T09:00', {
		clientId: { __rl: true, mode: 'id', value: seeded(emulator).otherClient.clientId },
	});
	expect(other.error?.message).toMatch(
		/^The slot 2026-05-21 09:00 \+10:00 to 2026-05-21 09:30 \+10:00 is not available for practitioner Dr Aisha Rahman/,
	);
	expect(emulator.data.appointments).toHaveLength(1);
});

test('"Service not available" is not a slot conflict', async () => {
	const unavailable = {
		method: 'POST' as const,
		pattern: 'appointment',
		permission: 'VIEW_APPOINTMENTLIST' as const,
		deniedReason: 'Not authorized',
		handle: () => {
			throw new EmulatorHttpError(503, 'Service not available');
		},
	};
	const emulator = await new CoreplusEmulator({ routes: [unavailable, ...routes] }).start();
	try {
		const result = await book(emulator, '2026-05-22T09:00');
		expect(result.error?.message).toBe(
			'coreplus refused POST Appointment/ (HTTP 503): Service not available',
		);
		expect(emulator.requests.filter((r) => !r.overRateLimit && r.method === 'POST')).toHaveLength(
			1,
		);
	} finally {
		await emulator.stop();
	}
});

test('a lost answer is never "recovered" from a cancelled appointment at the same time (the shared cancelled rule: deleted flag too)', async () => {
	const { emulator } = env;
	expect((await book(emulator, '2026-05-25T09:00')).error).toBeUndefined();
	emulator.data.appointments[0].deleted = true; // cancelled, its status left as it was
	emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'appointment' });
	const result = await book(emulator, '2026-05-25T09:00');
	expect(result.error).toBeUndefined();
	const [item] = jsonOf(result.output('coreplus'));
	expect(item).toMatchObject({ resentAfterLostResponse: true });
	expect(item.appointmentId).not.toBe(emulator.data.appointments[0].appointmentId);
	expect(emulator.data.appointments).toHaveLength(2);
});
