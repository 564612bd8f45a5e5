import type { IDataObject } from 'n8n-workflow';

import { wireUrl } from '../../nodes/Coreplus/transport/url';
import { CoreplusEmulator } from '../../emulator/server';
import { node, runWorkflow } from '../../harness/engine';
import { TestNodeTypes } from '../../harness/nodeTypes';
import { wireCaller } from './wireCaller';

/**
 * Whatever URL and query a node hands n8n's request helpers with this credential,
 * the token's `url` claim is the URL that actually arrives. Each row goes through both helpers
 * (httpRequestWithAuthentication: url/qs/baseURL; the legacy requestWithAuthentication: uri/qs),
 * run by n8n-core's engine, and is checked on what the emulator received.
 */
interface Row {
	name: string;
	/** Relative to the API root (`<apiUrl>/API/Core/v2/`) unless it starts with a scheme. */
	url: string;
	qs?: IDataObject;
	/** Passed as baseURL instead of joining it into `url`. */
	useBaseUrl?: boolean;
	arrayFormat?: 'indices' | 'brackets' | 'repeat';
	/** The query as the server decodes it. */
	query: Array<[string, string]>;
	/** What follows the API root on the wire, when the row pins it exactly. */
	wire?: string;
}

const rows: Row[] = [
	{
		name: 'apostrophe and unicode in qs',
		url: 'Client/',
		qs: { q: "Zoë O'Brien" },
		query: [['q', "Zoë O'Brien"]],
		wire: 'Client/?q=Zo%C3%AB%20O%27Brien',
	},
	{
		name: 'apostrophe, raw unicode and a space typed in the URL',
		url: "Client/?q=Zoë O'Brien",
		query: [['q', "Zoë O'Brien"]],
		wire: 'Client/?q=Zo%C3%AB%20O%27Brien',
	},
	{
		name: 'the same, already percent-encoded',
		url: 'Client/?q=Zo%C3%AB%20O%27Brien',
		query: [['q', "Zoë O'Brien"]],
		wire: 'Client/?q=Zo%C3%AB%20O%27Brien',
	},
	{ name: '!*() in qs', url: 'Location/', qs: { q: '!*()' }, query: [['q', '!*()']] },
	{
		name: '!*() typed in the URL',
		url: 'Location/?q=!*()',
		query: [['q', '!*()']],
		wire: 'Location/?q=!*()',
	},
	{ name: 'space in qs', url: 'Location/', qs: { q: 'a b' }, query: [['q', 'a b']] },
	{
		name: 'spaces typed in the URL',
		url: 'Location/?q=a b c',
		query: [['q', 'a b c']],
		wire: 'Location/?q=a%20b%20c',
	},
	{
		name: 'plus in qs',
		url: 'Location/',
		qs: { q: 'a+b' },
		query: [['q', 'a+b']],
		wire: 'Location/?q=a%2Bb',
	},
	{
		name: 'plus typed in the URL (form encoding: a space)',
		url: 'Location/?q=a+b',
		query: [['q', 'a b']],
		wire: 'Location/?q=a+b',
	},
	{
		name: '& and = inside a qs value',
		url: 'Location/',
		qs: { q: 'a&b=c' },
		query: [['q', 'a&b=c']],
	},
	{
		name: '# and ? inside a qs value',
		url: 'Location/',
		qs: { q: 'x#y?z' },
		query: [['q', 'x#y?z']],
	},
	{
		name: 'a fragment typed in the URL is not sent',
		url: 'Location/?q=x#section',
		query: [['q', 'x']],
		wire: 'Location/?q=x',
	},
	{
		name: 'already-encoded %2F in a query value',
		url: 'Location/?q=a%2Fb',
		query: [['q', 'a/b']],
		wire: 'Location/?q=a%2Fb',
	},
	{
		name: 'already-encoded %2F in the path',
		url: 'Location/a%2Fb/',
		query: [],
		wire: 'Location/a%2Fb/',
	},
	{ name: 'raw unicode in the path', url: 'Location/Zoë/', query: [], wire: 'Location/Zo%C3%AB/' },
	{
		name: 'repeated keys from a qs list',
		url: 'Location/',
		qs: { id: ['1', '2', '3'] },
		query: [
			['id', '1'],
			['id', '2'],
			['id', '3'],
		],
	},
	{
		name: 'repeated keys in the URL merged with qs',
		url: 'Location/?id=1&id=2',
		qs: { id: '3' },
		query: [
			['id', '1'],
			['id', '2'],
			['id', '3'],
		],
	},
	{
		name: 'empty values typed in the URL',
		url: 'Location/?q=&r=1',
		query: [
			['q', ''],
			['r', '1'],
		],
		wire: 'Location/?q=&r=1',
	},
	{
		name: 'a key without a value',
		url: 'Location/?flag',
		query: [['flag', '']],
		wire: 'Location/?flag',
	},
	{ name: 'a trailing ? with no query', url: 'Location/?', query: [], wire: 'Location/' },
	{
		name: 'a trailing ? with qs',
		url: 'Location/?',
		qs: { a: '1' },
		query: [['a', '1']],
		wire: 'Location/?a=1',
	},
	{
		name: 'non-Latin unicode in qs',
		url: 'Location/',
		qs: { q: '日本語 テスト' },
		query: [['q', '日本語 テスト']],
	},
	{
		name: 'numbers and booleans in qs',
		url: 'Location/',
		qs: { pageNumber: 1, active: true },
		query: [
			['pageNumber', '1'],
			['active', 'true'],
		],
	},
	{
		name: 'baseURL plus a relative URL and qs',
		url: 'Location/',
		useBaseUrl: true,
		qs: { q: "O'Brien" },
		query: [['q', "O'Brien"]],
	},
	{
		name: 'URL with a query and a fragment, plus qs',
		url: 'Location/?a=1#top',
		qs: { b: '2' },
		query: [
			['a', '1'],
			['b', '2'],
		],
		wire: 'Location/?a=1&b=2',
	},
	{
		name: 'brackets array format',
		url: 'Location/',
		qs: { id: ['1', '2'] },
		arrayFormat: 'brackets',
		query: [
			['id[]', '1'],
			['id[]', '2'],
		],
	},
	{
		name: 'indices array format',
		url: 'Location/',
		qs: { id: ['1', '2'] },
		arrayFormat: 'indices',
		query: [
			['id[0]', '1'],
			['id[1]', '2'],
		],
	},
	{
		name: 'quotes and angle brackets typed in the URL',
		url: 'Location/?q="<x>"',
		query: [['q', '"<x>"']],
		wire: 'Location/?q=%22%3Cx%3E%22',
	},
	{
		name: 'a lone % typed in the URL',
		url: 'Location/?q=100%',
		query: [['q', '100%']],
		wire: 'Location/?q=100%',
	},
	{
		name: 'upper-case scheme',
		url: 'HTTP://{host}/API/Core/v2/Location/?q=1',
		query: [['q', '1']],
		wire: 'Location/?q=1',
	},
];

async function runRows(emulator: CoreplusEmulator, apiUrl: string, table: Row[]) {
	const root = `${apiUrl}/API/Core/v2/`;
	const host = new URL(apiUrl).host;
	const input = table.map((row) => {
		const url = row.url.replace('{host}', host);
		const absolute = /^[a-z]+:\/\//i.test(url);
		return {
			json: {
				url: absolute || row.useBaseUrl ? url : `${root}${url}`,
				baseURL: row.useBaseUrl ? root : undefined,
				qs: row.qs,
				arrayFormat: row.arrayFormat,
			} as IDataObject,
		};
	});
	const result = await runWorkflow({
		nodeTypes: new TestNodeTypes({ 'test.wireCaller': wireCaller }),
		nodes: [
			node({
				name: 'Wire caller',
				type: 'test.wireCaller',
				parameters: {},
				credentials: { coreplusApi: { id: '1', name: 'c' } },
			}),
		],
		credentials: { coreplusApi: { ...emulator.credentials(), apiUrl } },
		input,
	});
	expect(result.error).toBeUndefined();
	return result;
}

function expectRowsReceived(emulator: CoreplusEmulator, apiUrl: string, table: Row[]) {
	const received = emulator.requests;
	expect(received).toHaveLength(table.length * 2);
	table.forEach((row, index) => {
		for (const request of [received[2 * index], received[2 * index + 1]]) {
			const context = `${row.name}: ${request.url} (${request.reason ?? request.status})`;
			// A verified token (claims recorded) whose url claim is the URL that arrived.
			expect({ context, verified: request.claims !== undefined }).toEqual({
				context,
				verified: true,
			});
			expect(request.claims?.url).toBe(request.url);
			expect(request.url).not.toContain('#');
			expect({ context, query: [...request.query.entries()] }).toEqual({
				context,
				query: row.query,
			});
			if (row.wire) expect(request.url).toBe(`${new URL(apiUrl).origin}/API/Core/v2/${row.wire}`);
		}
	});
}

describe("the URL signed is the URL sent, through both of n8n's request helpers", () => {
	const emulator = new CoreplusEmulator({ rateLimit: false });
	beforeAll(async () => void (await emulator.start()));
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetLog());

	test(`${rows.length} URLs and query values all verify, with the url claim equal to the received URL`, async () => {
		await runRows(emulator, emulator.url, rows);
		expectRowsReceived(emulator, emulator.url, rows);
	});

	test('an upper-case host name is signed as sent (lower-cased)', async () => {
		const apiUrl = `http://localhost:${new URL(emulator.url).port}`;
		const table: Row[] = [
			{
				name: 'upper-case host',
				url: `http://LOCALHOST:${new URL(emulator.url).port}/API/Core/v2/Location/?q=1`,
				query: [['q', '1']],
				wire: 'Location/?q=1',
			},
		];
		await runRows(emulator, apiUrl, table);
		expectRowsReceived(emulator, apiUrl, table);
	});
});

describe('the IPv6 loopback', () => {
	const emulator = new CoreplusEmulator({ rateLimit: false, host: '::1' });
	beforeAll(async () => void (await emulator.start()));
	afterAll(async () => await emulator.stop());

	test('[::1] with an explicit port verifies', async () => {
		const table: Row[] = [
			{
				name: 'IPv6',
				url: "Client/?q=O'Brien",
				qs: { id: ['1', '2'] },
				query: [
					['q', "O'Brien"],
					['id', '1'],
					['id', '2'],
				],
			},
		];
		expect(emulator.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
		await runRows(emulator, emulator.url, table);
		expectRowsReceived(emulator, emulator.url, table);
	});
});

test('default ports are dropped as the HTTP client drops them (no server on 443 here, so checked on the function that makes the URL)', () => {
	expect(wireUrl('https://Clinic.Example:443/API/Core/v2/Location/?q=a b#x')).toBe(
		'https://clinic.example/API/Core/v2/Location/?q=a%20b',
	);
	expect(wireUrl('http://127.0.0.1:80/x?')).toBe('http://127.0.0.1/x');
});
