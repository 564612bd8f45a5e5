import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator();

test('a redirect is reported, not followed (the signed token never goes elsewhere)', async () => {
	env.emulator.injectFault({ kind: 'status', status: 302, path: 'location' });
	const result = await runCoreplus(env.emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
	});
	expect(result.error?.message).toContain('with a redirect (HTTP 302)');
	expect(result.error?.description).toContain('API URL');
	expect(env.emulator.apiRequests('location')).toHaveLength(1);
});
