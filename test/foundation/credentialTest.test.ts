import { CredentialTestContext } from 'n8n-core';

import { Coreplus } from '../../nodes/Coreplus/Coreplus.node';
import { useEmulator } from '../helpers';

const env = useEmulator();

/** Runs the credential's Test button the way n8n does: the node's credentialTest method in n8n-core's test context. */
async function testCredential(overrides: Record<string, unknown> = {}) {
	const data = { ...env.emulator.credentials(), ...overrides };
	const context = new CredentialTestContext();
	return await new Coreplus().methods.credentialTest.coreplusApiTest.call(context, {
		id: '1',
		name: 'coreplus',
		type: 'coreplusApi',
		data: data as never,
	});
}

test('the Test button succeeds with a signed one-row location list', async () => {
	await expect(testCredential()).resolves.toEqual({ status: 'OK', message: 'Connection successful' });
	const [request] = env.emulator.apiRequests('location');
	expect(request.query.get('pageSize')).toBe('1');
	expect(request.claims?.url).toBe(request.url);
});

test('a wrong secret shows coreplus\' reason text and the FAQ hint, not the secret', async () => {
	const result = await testCredential({ consumerSecret: 'wrong-secret-value' });
	expect(result.status).toBe('Error');
	expect(result.message).toContain('Invalid token: signature verification failed');
	expect(result.message).toContain('sandbox credentials do not work against a production URL');
	expect(result.message).not.toContain('wrong-secret-value');
});

test('a plain http URL that is not loopback is refused without a request', async () => {
	const result = await testCredential({ apiUrl: 'http://clinic.example.com' });
	expect(result).toMatchObject({ status: 'Error' });
	expect(result.message).toContain('https://');
	expect(env.emulator.requests).toHaveLength(0);
});
