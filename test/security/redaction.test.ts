import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { redactSecrets } from '../../nodes/Coreplus/transport/redact';
import { DEMO_CONSUMER } from '../../emulator/consumers';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { SECRET_ECHOES, telltale } from './echoForms';

/** An echoed secret is redacted whatever its case or encoding. */
const env = useEmulator();
const accessToken = () => env.emulator.credentials().accessToken;
const secret = DEMO_CONSUMER.consumerSecret;

const echoes: Array<[string, () => string]> = [
	['the access token upper-cased', () => accessToken().toUpperCase()],
	['the access token URL-encoded', () => encodeURIComponent(`{${accessToken()}}`)],
	['the access token in base64', () => Buffer.from(accessToken()).toString('base64')],
	[
		'the consumer secret in mixed case',
		() => secret.replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c)),
	],
	['the consumer secret in base64url', () => Buffer.from(secret).toString('base64url')],
];

test.each(echoes)(
	'coreplus echoing %s in its reason text: the error shows it redacted',
	async (_name, echo) => {
		const echoed = echo();
		env.emulator.injectFault({
			kind: 'status',
			status: 400,
			path: 'location',
			reason: `Rejected request for ${echoed}`,
		});
		const result = await runCoreplus(env.emulator, {
			resource: 'location',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.error?.message).toContain('Rejected request for');
		const everything = JSON.stringify(result.run.data);
		expect(everything).not.toContain(echoed);
		expect(everything.toLowerCase()).not.toContain(accessToken().toLowerCase());
		expect(everything).toContain('[redacted]');
	},
);

test('a URL-encoded secret with reserved characters is redacted in its encoded form', () => {
	const credentials = { consumerSecret: 'a+b/c d=e&f', accessToken: 'tok' };
	const text = `GET /x?s=${encodeURIComponent(credentials.consumerSecret)} and ${credentials.consumerSecret.toUpperCase()}`;
	expect(redactSecrets(text, credentials)).toBe('GET /x?s=[redacted] and [redacted]');
});

/** Every encoded form a server could echo, on the pure function (the secret scan drives the same forms through the engine). */
describe('redactSecrets on encoded echoes', () => {
	const special = { consumerSecret: 'se"cr\\et +ü/x&y', accessToken: 'to"k\\en +é 42' };
	test.each(SECRET_ECHOES)('%s', (name, echo) => {
		for (const value of [special.consumerSecret, special.accessToken]) {
			const echoed = echo(value);
			const clean = redactSecrets(`Rejected ${echoed}.`, special);
			expect(clean).not.toContain(telltale(echoed, name));
			expect(clean).toMatch(/^Rejected .*\[redacted\]/);
		}
	});

	test('a bare JWT header or payload segment is redacted, ordinary words are not', () => {
		const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
		const payload = Buffer.from('{"accessToken":"abc","url":"x"}').toString('base64url');
		expect(redactSecrets(`bad ${header} and ${payload}: eyJ short`)).toBe(
			'bad [redacted token] and [redacted token]: eyJ short',
		);
	});
});

test('an answer whose keys echo the Authorization header and the access token: the shape error names neither', async () => {
	const token = accessToken();
	const echoing = createServer((req, res) => {
		const echoed = { [String(req.headers.authorization)]: 1, [token.toUpperCase()]: 2 };
		res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echoed));
	});
	await new Promise<void>((resolve) => echoing.listen(0, '127.0.0.1', resolve));
	const apiUrl = `http://127.0.0.1:${(echoing.address() as AddressInfo).port}`;
	try {
		const result = await runCoreplus(
			env.emulator,
			{ resource: 'location', operation: 'getMany', returnAll: true },
			{ credentialOverrides: { apiUrl } },
		);
		expect(result.error?.message).toContain('in a shape the node cannot read');
		expect(result.error?.message).toContain('JwToken [redacted]');
		const everything = JSON.stringify(result.run.data);
		expect(everything.toLowerCase()).not.toContain(token.toLowerCase());
		expect(everything).not.toMatch(/eyJ[\w-]{12,}/);
	} finally {
		await new Promise<void>((resolve) => echoing.close(() => resolve()));
	}
});
