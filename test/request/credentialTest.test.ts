import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';

import { Coreplus } from '../../nodes/Coreplus/Coreplus.node';
import { testConnection } from '../../nodes/Coreplus/methods/credentialTest';
import { useEmulator } from '../../harness/helpers';

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
	await expect(testCredential()).resolves.toEqual({
		status: 'OK',
		message: 'Connection successful',
	});
	const [request] = env.emulator.apiRequests('location');
	expect(request.query.get('pageSize')).toBe('1');
	expect(request.claims?.url).toBe(request.url);
});

test("a wrong secret shows coreplus' reason text and the FAQ hint, not the secret", async () => {
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

/** A server on another loopback port that records every request it gets (it must get none). */
async function recordingServer(answer: (res: ServerResponse) => void) {
	const received: IncomingMessage[] = [];
	const server = createServer((req, res) => {
		received.push(req);
		answer(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		received,
		url,
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

test('an API URL that redirects elsewhere fails the Test, naming where it pointed, and the other host gets nothing', async () => {
	const elsewhere = await recordingServer((res) =>
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"locations":[]}'),
	);
	const redirecting = await recordingServer((res) =>
		res.writeHead(302, { location: `${elsewhere.url}/collect` }).end(),
	);
	try {
		const result = await testCredential({ apiUrl: redirecting.url });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('redirect (HTTP 302)');
		expect(result.message).toContain(`${elsewhere.url}/collect`);
		expect(redirecting.received).toHaveLength(1);
		expect(elsewhere.received).toHaveLength(0);
	} finally {
		await elsewhere.stop();
		await redirecting.stop();
	}
});

/** The Test as n8n runs it, with a short deadline and no retry (the Test's own limits are 20 s and one retry). */
async function testQuickly(overrides: Record<string, unknown> = {}) {
	const data = { ...env.emulator.credentials(), ...overrides };
	return await testConnection(new CredentialTestContext(), data as never, {
		maxRetries: 0,
		timeoutMs: 1500,
	});
}

describe('the Test reads the answer as every other read does', () => {
	const answers: Array<[string, string, RegExp]> = [
		[
			"coreplus' refusal body with a 200",
			JSON.stringify({ result: [{ severity: 2, reason: 'Consumer is disabled' }] }),
			/Consumer is disabled/,
		],
		['an empty 200', '', /none \(an empty answer\)/],
		['200 {}', '{}', /none \(an empty object\)/],
	];
	test.each(answers)('%s fails the Test with the reason', async (_name, body, reason) => {
		const server = await recordingServer((res) =>
			res.writeHead(200, { 'content-type': 'application/json' }).end(body),
		);
		try {
			const result = await testQuickly({ apiUrl: server.url });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(reason);
			expect(server.received).toHaveLength(1);
		} finally {
			await server.stop();
		}
	});
});

test('an answer whose keys echo the Authorization header fails without the token in the message', async () => {
	const accessToken = env.emulator.credentials().accessToken;
	const echoing = createServer((req, res) => {
		const echoed = { [String(req.headers.authorization)]: 1, [accessToken.toUpperCase()]: 2 };
		res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echoed));
	});
	await new Promise<void>((resolve) => echoing.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(echoing.address() as AddressInfo).port}`;
	try {
		const result = await testQuickly({ apiUrl: url });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('received keys: JwToken [redacted]');
		expect(result.message.toLowerCase()).not.toContain(accessToken.toLowerCase());
		expect(result.message).not.toMatch(/eyJ[\w-]{12,}/);
	} finally {
		await new Promise<void>((resolve) => echoing.close(() => resolve()));
	}
});

test('a server trickling its answer: the Test gives up on its deadline and closes the socket', async () => {
	env.emulator.injectFault({ kind: 'trickle', path: 'location', intervalMs: 200 });
	const result = await testQuickly();
	expect(result.status).toBe('Error');
	expect(result.message).toContain('did not complete within the Timeout (1500 ms');
	// The emulator sees the caller hang up (no fixed wait: it is checked until it happens).
	while (env.emulator.openTrickles > 0) await new Promise((resolve) => setTimeout(resolve, 50));
	expect(env.emulator.openTrickles).toBe(0);
}, 120_000);
