import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * n8n Processes Sharing This Consumer: each process paces itself to 10 requests per second
 * divided by the declared number, spread evenly, so processes sharing a consumer never need a 429
 * to find their share. A setting outside 1-10 is refused before any request.
 */
const env = useEmulator({ clients: 1000 });
const listClients = (credentialOverrides: Record<string, unknown>) =>
	runCoreplus(
		env.emulator,
		{ resource: 'client', operation: 'getMany', returnAll: true },
		{ credentialOverrides },
	);

test('declared 10: a 10-page listing is spread at one request every 1.05 s, never refused', async () => {
	const start = performance.now();
	const result = await listClients({ sharedBy: 10 });
	expect(result.error).toBeUndefined();
	expect(env.emulator.apiRequests('client')).toHaveLength(10);
	expect(env.emulator.rateLimitedCount).toBe(0);
	// A lower bound only: nine gaps of 1050 ms; a busy machine can make it later, never earlier.
	expect(performance.now() - start).toBeGreaterThanOrEqual(9 * 1050);
}, 120_000);

test.each([0, 11, 2.5, 'two'])(
	'n8n Processes Sharing This Consumer = %p is refused before any request, naming what is allowed',
	async (sharedBy) => {
		const result = await listClients({ sharedBy });
		expect(result.error?.message).toBe(
			"The coreplus credential's n8n Processes Sharing This Consumer must be a whole number from 1 to 10",
		);
		expect(env.emulator.requests).toHaveLength(0);
	},
);
