import jwt from 'jsonwebtoken';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { DEMO_ACCESS_TOKEN, DEMO_CONSUMER } from '../../emulator/consumers';

/**
 * coreplus' sandbox answers under two names (sandbox.coreplus.com.au and, since
 * the rebrand, sandbox.corepluspm.com; docs/coreplus-api.md#hosts). Each is an Environment choice; the
 * credential's own authenticate signs requests for the chosen host and refuses the other.
 */
const credential = new CoreplusApi();
const data = (environment: string) => ({
	environment,
	apiVersion: 'v2',
	consumerId: DEMO_CONSUMER.consumerId,
	consumerSecret: DEMO_CONSUMER.consumerSecret,
	accessToken: DEMO_ACCESS_TOKEN,
});

test('the Environment field offers both sandbox names', () => {
	const environment = credential.properties.find((property) => property.name === 'environment')!;
	expect(environment.options).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ value: 'sandbox', description: 'https://sandbox.coreplus.com.au' }),
			expect.objectContaining({
				value: 'sandboxCorepluspm',
				description: 'https://sandbox.corepluspm.com',
			}),
		]),
	);
});

test.each([
	['sandbox', 'https://sandbox.coreplus.com.au'],
	['sandboxCorepluspm', 'https://sandbox.corepluspm.com'],
])('%s signs requests for %s, for exactly that URL', async (environment, origin) => {
	const url = `${origin}/API/Core/v2/Location/?pageSize=1`;
	const signed = await credential.authenticate(data(environment), { url, method: 'GET' });
	expect(signed.url).toBe(url);
	const token = String(signed.headers?.Authorization).replace(/^JwToken /, '');
	const claims = jwt.verify(token, DEMO_CONSUMER.consumerSecret) as Record<string, unknown>;
	expect(claims).toMatchObject({ url, httpMethod: 'GET' });
});

test('a credential for one sandbox name does not sign for the other', async () => {
	const other = 'https://sandbox.coreplus.com.au/API/Core/v2/Location/';
	await expect(
		credential.authenticate(data('sandboxCorepluspm'), { url: other, method: 'GET' }),
	).rejects.toThrow(/only signs requests to its own API URL \(https:\/\/sandbox.corepluspm.com\)/);
});
