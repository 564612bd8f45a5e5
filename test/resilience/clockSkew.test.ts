import { clockSkewFor } from '../../nodes/Coreplus/transport/clock';
import { CoreplusEmulator } from '../../emulator/server';
import { jsonOf } from '../../harness/engine';
import { runCoreplus } from '../../harness/helpers';

/**
 * A host clock 90 s off would get every token refused. The offset is learned
 * from the Date header of coreplus' answers; the first request may be refused (401: coreplus did
 * not act) and is then signed again on the server's clock, once, for reads and writes alike.
 */
describe.each([
	['ahead', 90],
	['behind', -90],
])('the server clock 90 s %s of this host', (_name, offsetSeconds) => {
	const emulator = new CoreplusEmulator({ clockOffsetSeconds: offsetSeconds });
	beforeAll(async () => void (await emulator.start()));
	afterAll(async () => await emulator.stop());

	test('reads: the first answer teaches the offset and every request is accepted from then on', async () => {
		const first = await runCoreplus(emulator, {
			resource: 'location',
			operation: 'getMany',
			returnAll: true,
		});
		expect(first.error).toBeUndefined();
		expect(jsonOf(first.output('coreplus'))).toHaveLength(emulator.data.locations.length);
		// The first refusal teaches a candidate offset, the second confirms it.
		const [initial, second, ...rest] = emulator.requests;
		expect([initial.status, second.status]).toEqual([401, 401]);
		expect(rest.every((request) => request.status === 200)).toBe(true);
		expect(Math.abs(clockSkewFor(emulator.url) - offsetSeconds * 1000)).toBeLessThan(3000);

		emulator.resetLog();
		await runCoreplus(emulator, {
			resource: 'practitioner',
			operation: 'getMany',
			returnAll: true,
		});
		expect(
			emulator.requests.filter((r) => !r.overRateLimit).map((request) => request.status),
		).toEqual([200]);
		const [later] = emulator.apiRequests();
		expect(
			Math.abs((later.claims!.nbf as number) - (Date.now() / 1000 + offsetSeconds)),
		).toBeLessThan(5);
	});

	test('writes: a create refused for the clock is signed again once the offset is confirmed and creates exactly one client', async () => {
		const fresh = new CoreplusEmulator({ clockOffsetSeconds: offsetSeconds });
		await fresh.start();
		try {
			const before = fresh.data.clients.length;
			const result = await runCoreplus(fresh, {
				resource: 'client',
				operation: 'create',
				firstName: 'Clock',
				lastName: 'Skew',
				dateOfBirth: '1990-01-01',
			});
			expect(result.error).toBeUndefined();
			expect(
				fresh.requests.filter((r) => !r.overRateLimit).map((request) => request.status),
			).toEqual([401, 401, 200]);
			expect(fresh.requests[0].reason).toMatch(/clock/);
			expect(fresh.data.clients.length).toBe(before + 1);
		} finally {
			await fresh.stop();
		}
	});
});

/**
 * One answer with an absurd or stray `Date` (1970, a proxy's stale copy) must not move
 * the clock the tokens are signed on; a real change, seen twice, does.
 */
describe('Date headers that do not tell the server’s clock', () => {
	const emulator = new CoreplusEmulator();
	beforeAll(async () => void (await emulator.start()));
	afterAll(async () => await emulator.stop());
	beforeEach(() => {
		emulator.resetLog();
		emulator.clearFaults();
		emulator.clockOffsetSeconds = 0;
	});
	const listPractitioners = () =>
		runCoreplus(emulator, { resource: 'practitioner', operation: 'getMany', returnAll: true });

	test.each([
		['dated 1970', 'Thu, 01 Jan 1970 00:00:00 GMT'],
		[
			'two hours ahead (a stray header, not the server’s clock)',
			() => new Date(Date.now() + 7_200_000).toUTCString(),
		],
	])(
		'one answer %s changes nothing: every later request is signed right the first time',
		async (_name, date) => {
			emulator.injectFault({ kind: 'date', date: typeof date === 'function' ? date() : date });
			const first = await listPractitioners();
			expect(first.error).toBeUndefined();
			const created = await runCoreplus(emulator, {
				resource: 'client',
				operation: 'create',
				firstName: 'Stray',
				lastName: 'Date',
				dateOfBirth: '1990-01-01',
			});
			expect(created.error).toBeUndefined();
			expect(await listPractitioners()).toMatchObject({ error: undefined });
			expect(
				emulator.requests.filter((r) => !r.overRateLimit).map((request) => request.status),
			).toEqual([200, 200, 200]);
			expect(clockSkewFor(emulator.url)).toBe(0);
		},
	);

	test('a server clock that moves is followed once two answers agree on it', async () => {
		emulator.clockOffsetSeconds = 120;
		expect((await listPractitioners()).error).toBeUndefined();
		expect(Math.abs(clockSkewFor(emulator.url) - 120_000)).toBeLessThan(3000);
		emulator.resetLog();
		emulator.clockOffsetSeconds = -30;
		expect((await listPractitioners()).error).toBeUndefined();
		expect(
			emulator.requests.filter((r) => !r.overRateLimit).map((request) => request.status),
		).toEqual([401, 401, 200]);
		expect(Math.abs(clockSkewFor(emulator.url) + 30_000)).toBeLessThan(3000);
	});
});
