import jwt from 'jsonwebtoken';

import { DEMO_CONSUMER } from '../../emulator/consumers';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator();
const listAll = { resource: 'location', operation: 'getMany', returnAll: true };

function addLocations(count: number) {
	const { data } = env.emulator;
	const template = data.locations[0];
	for (let index = 0; index < count; index++) {
		data.locations.push({
			...template,
			locationId: `extra-location-${String(index).padStart(4, '0')}`,
			name: `Extra ${index}`,
		});
	}
}

describe('every request carries its own signed token', () => {
	test('claims are exactly the documented set, verified with the consumer secret', async () => {
		await runCoreplus(env.emulator, listAll);
		const [request] = env.emulator.apiRequests('location');
		const token = String(request.headers.authorization).replace(/^JwToken /, '');
		const claims = jwt.verify(token, DEMO_CONSUMER.consumerSecret, {
			algorithms: ['HS256'],
		}) as Record<string, unknown>;
		expect(Object.keys(claims).sort()).toEqual([
			'accessToken',
			'aud',
			'consumerId',
			'exp',
			'httpMethod',
			'iss',
			'nbf',
			'url',
		]);
		expect(claims).toMatchObject({
			iss: 'https://n8n.io',
			aud: 'https://coreplus.com.au',
			consumerId: DEMO_CONSUMER.consumerId,
			accessToken: env.emulator.credentials().accessToken,
			httpMethod: 'GET',
			url: request.url,
		});
		expect(claims.exp).toBe((claims.nbf as number) + 60);
		expect(Math.abs((claims.nbf as number) - Date.now() / 1000)).toBeLessThan(5);
		expect(jwt.decode(token, { complete: true })?.header).toMatchObject({
			alg: 'HS256',
			typ: 'JWT',
		});
		expect(request.headers['content-type']).toBe('application/json');
	});

	test('the url claim includes the query string, byte for byte as received', async () => {
		await runCoreplus(env.emulator, {
			resource: 'location',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
		});
		const [request] = env.emulator.apiRequests('location');
		expect(request.url).toMatch(/\/API\/Core\/v2\/Location\/\?pageNumber=1&pageSize=3$/);
		expect(request.claims?.url).toBe(request.url);
	});

	test('different URLs get different tokens, and so do calls a second apart', async () => {
		addLocations(150);
		try {
			await runCoreplus(env.emulator, listAll);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			await runCoreplus(env.emulator, {
				resource: 'location',
				operation: 'getMany',
				returnAll: false,
				limit: 100,
			});
		} finally {
			env.emulator.data.locations.splice(5);
		}
		const tokens = env.emulator.apiRequests('location').map((r) => r.token);
		expect(tokens).toHaveLength(3);
		expect(new Set(tokens).size).toBe(3);
		const [page1, page2, later] = env.emulator.apiRequests('location');
		expect(page1.url).not.toBe(page2.url);
		// Same URL as page 1, signed again one second later.
		expect(later.url).toBe(page1.url);
		expect(later.claims?.nbf).toBeGreaterThan(page1.claims?.nbf as number);
	});
});

describe("refusals are shown with coreplus' reason text", () => {
	test('a wrong consumer secret gives the 401 reason and a hint, without leaking the secret', async () => {
		const wrongSecret = 'not-the-right-secret-123';
		const result = await runCoreplus(env.emulator, listAll, {
			credentialOverrides: { consumerSecret: wrongSecret },
		});
		expect(result.error?.message).toContain('HTTP 401');
		expect(result.error?.message).toContain('Invalid token: signature verification failed');
		expect(result.error?.description).toMatch(/sandbox credentials|clock/);
		const everything = JSON.stringify(result.run.data);
		expect(everything).not.toContain(wrongSecret);
		expect(everything).not.toContain(env.emulator.credentials().accessToken);
		expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
	});

	test('a missing permission gives "Not authorized for viewing …" and the re-enable hint', async () => {
		const token = env.emulator.credentials().accessToken;
		const original = DEMO_CONSUMER.accessTokens[token];
		DEMO_CONSUMER.accessTokens[token] = original.filter((p) => p !== 'VIEW_LOCATIONLIST');
		try {
			const result = await runCoreplus(env.emulator, listAll);
			expect(result.error?.message).toContain('Not authorized for viewing location list');
			expect(result.error?.description).toContain('disable and re-enable the add-on');
		} finally {
			DEMO_CONSUMER.accessTokens[token] = original;
		}
	});

	test('continue on fail turns the refusal into an error item', async () => {
		const result = await runCoreplus(env.emulator, listAll, {
			credentialOverrides: { accessToken: 'unknown-token' },
			nodeExtra: { continueOnFail: true },
		});
		expect(result.error).toBeUndefined();
		const [item] = result.output('coreplus');
		expect(item.json.error).toContain('Invalid token: unknown access token');
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});

describe('only https API URLs, except loopback', () => {
	test.each([
		['http://coreplus.example.com', /only reached over https/],
		['ftp://127.0.0.1', /only reached over https/],
		// Host names that merely start like a loopback address.
		['http://127.attacker.example', /only reached over https/],
		['http://127.0.0.1.nip.io', /only reached over https/],
		['http://localhost.attacker.example', /only reached over https/],
		['http://[::2]', /only reached over https/],
		['not a url', /not a valid URL/],
	])('%s is refused before any request', async (apiUrl, message) => {
		const result = await runCoreplus(env.emulator, listAll, { credentialOverrides: { apiUrl } });
		expect(result.error?.message).toMatch(message);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('an API version that is not vN or vN.N is refused', async () => {
		const result = await runCoreplus(env.emulator, listAll, {
			credentialOverrides: { apiVersion: 'v2/../admin' },
		});
		expect(result.error?.message).toContain('API version');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('the configured API version is used in the path', async () => {
		await runCoreplus(env.emulator, listAll, { credentialOverrides: { apiVersion: 'v2.1' } });
		expect(env.emulator.apiRequests('location')[0].apiVersion).toBe('v2.1');
	});
});

describe('pagination', () => {
	test('several pages return every row exactly once, in order', async () => {
		addLocations(345);
		try {
			const result = await runCoreplus(env.emulator, listAll);
			const ids = jsonOf(result.output('coreplus')).map((row) => row.locationId);
			expect(ids).toEqual(env.emulator.data.locations.map((l) => l.locationId));
			expect(ids).toHaveLength(350);
			const pages = env.emulator
				.apiRequests('location')
				.map((r) => r.query.get('pageNumber'))
				.sort();
			expect(pages).toEqual(['1', '2', '3', '4']);
		} finally {
			env.emulator.data.locations.splice(5);
		}
	});

	test('a limit stops fetching once satisfied', async () => {
		addLocations(345);
		try {
			const result = await runCoreplus(env.emulator, {
				resource: 'location',
				operation: 'getMany',
				returnAll: false,
				limit: 120,
			});
			expect(result.output('coreplus')).toHaveLength(120);
			expect(env.emulator.apiRequests('location')).toHaveLength(2);
		} finally {
			env.emulator.data.locations.splice(5);
		}
	});
});
