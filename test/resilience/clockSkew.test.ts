import { clockSkewFor } from '../../nodes/Coreplus/transport/request';
import { CoreplusEmulator } from '../../emulator/server';
import { jsonOf } from '../../harness/engine';
import { runCoreplus } from '../../harness/helpers';

/**
 * Issue 13 item 13: a host clock 90 s off would get every token refused. The offset is learned
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
		const [initial, ...rest] = emulator.requests;
		expect([200, 401]).toContain(initial.status);
		expect(rest.every((request) => request.status === 200)).toBe(true);
		expect(Math.abs(clockSkewFor(emulator.url) - offsetSeconds * 1000)).toBeLessThan(3000);

		emulator.resetLog();
		await runCoreplus(emulator, {
			resource: 'practitioner',
			operation: 'getMany',
			returnAll: true,
		});
		expect(emulator.requests.map((request) => request.status)).toEqual([200]);
		const [later] = emulator.apiRequests();
		expect(
			Math.abs((later.claims!.nbf as number) - (Date.now() / 1000 + offsetSeconds)),
		).toBeLessThan(5);
	});

	test('writes: a create refused for the clock is signed again once and creates exactly one client', async () => {
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
			expect(fresh.requests.map((request) => request.status)).toEqual([401, 200]);
			expect(fresh.requests[0].reason).toMatch(/clock/);
			expect(fresh.data.clients.length).toBe(before + 1);
		} finally {
			await fresh.stop();
		}
	});
});
