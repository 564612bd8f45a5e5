import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator({ clients: 2000 });

test('a page that fails after its retries stops the rest of the listing from being fetched', async () => {
	// Only page 2 of 20 fails; without the stop, the other workers would still read the pages up to 20.
	env.emulator.injectFault({ kind: 'status', status: 503, path: 'client', skip: 1, times: 1 });
	const result = await runCoreplus(env.emulator, {
		resource: 'client',
		operation: 'getMany',
		returnAll: true,
		requestOptions: { maxRetries: 0 },
	});
	expect(result.error?.message).toContain('503');
	// Give pages that would still be fetched in the background time to reach the emulator.
	await new Promise((resolve) => setTimeout(resolve, 2500));
	expect(env.emulator.apiRequests('client').length).toBeLessThan(12);
});
