import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * *Timeout* used to limit only idle time, so a server trickling one byte every 400 ms
 * held a request for ever. It now bounds each attempt from sending to the answer's last byte.
 */
const env = useEmulator();
const requestOptions = { timeoutMs: 1500, maxRetries: 1, retryDelayMs: 1 };

test('a read answered one byte every 400 ms fails on its Timeout (each attempt), with a clear error', async () => {
	env.emulator.injectFault({ kind: 'trickle', path: 'location', intervalMs: 400, times: 2 });
	const result = await runCoreplus(env.emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
		requestOptions,
	});
	expect(result.error?.message).toContain(
		'did not complete within the Timeout (1500 ms, from sending to the last byte) after 2 attempt(s)',
	);
	expect(result.error?.description).toContain('raise the Timeout');
	expect(env.emulator.apiRequests('location')).toHaveLength(2);
}, 120_000);

test('a write answered one byte at a time fails as "may or may not have acted" and is not sent again', async () => {
	env.emulator.injectFault({ kind: 'trickle', path: 'client', method: 'POST', intervalMs: 400 });
	const result = await runCoreplus(env.emulator, {
		resource: 'client',
		operation: 'create',
		firstName: 'Slow',
		lastName: 'Answer',
		dateOfBirth: '1990-01-01',
		requestOptions,
	});
	expect(result.error?.message).toContain('did not complete within the Timeout (1500 ms');
	expect(result.error?.description).toContain('may or may not have acted');
	expect(env.emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(1);
}, 120_000);
