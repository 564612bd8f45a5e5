import type { IDataObject } from 'n8n-workflow';

import { guid } from '../../emulator/data';
import { moveRow } from '../../emulator/paging';
import { hintsOf } from '../envelopes/helpers';
import type { Fault } from '../../emulator/server';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * A clinic's listing must survive a bad network and a busy server: for every fault the emulator
 * can inject into the middle of a multi-page listing, the node still returns every row exactly
 * once, through n8n's engine. Small waits come from the node's own Request Options.
 */
const env = useEmulator();

const FAST_RETRIES = { maxRetries: 3, retryDelayMs: 20, timeoutMs: 800 };
const EXTRA_LOCATIONS = 245; // 250 locations in all: three pages of 100.

beforeAll(() => {
	const [template] = env.emulator.data.locations;
	for (let index = 0; index < EXTRA_LOCATIONS; index++) {
		env.emulator.data.locations.push({
			...template,
			locationId: guid(9, index + 1),
			name: `Satellite room ${index + 1}`,
		});
	}
});

async function listAllLocations(requestOptions: IDataObject = FAST_RETRIES) {
	return await runCoreplus(env.emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
		requestOptions: requestOptions as never,
	});
}

function expectEveryLocationOnce(rows: Array<Record<string, unknown>>) {
	const ids = rows.map((row) => row.locationId);
	expect(new Set(ids).size).toBe(ids.length);
	expect([...ids].sort()).toEqual(env.emulator.data.locations.map((l) => l.locationId).sort());
}

// Each fault hits the second page (page 1 passes), so the listing is already under way.
const faults: Array<[string, Fault]> = [
	['429 without Retry-After', { kind: 'status', status: 429, times: 2 }],
	['429 with Retry-After: 0', { kind: 'status', status: 429, retryAfter: 0 }],
	['500', { kind: 'status', status: 500, times: 2 }],
	['502', { kind: 'status', status: 502 }],
	['503', { kind: 'status', status: 503, times: 3 }],
	['reset before processing', { kind: 'resetBefore', times: 2 }],
	['reset after processing', { kind: 'resetAfter' }],
	['slow answer beyond the timeout', { kind: 'slow', delayMs: 1500 }],
	['truncated JSON body', { kind: 'truncated' }],
	['non-JSON body (a proxy page)', { kind: 'nonJson' }],
];

test.each(faults)(
	'a three-page listing survives %s and returns every row exactly once',
	async (_name, fault) => {
		const { emulator } = env;
		emulator.injectFault({ ...fault, path: 'location', skip: 1 });
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		expectEveryLocationOnce(jsonOf(result.output('coreplus')));
		// The fault really happened: more requests reached the emulator than the three pages.
		expect(emulator.requests.length - emulator.rateLimitedCount).toBe(3 + (fault.times ?? 1));
	},
);

test('Retry-After is honoured: the retry waits as long as coreplus asked', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'status', status: 429, retryAfter: 1, path: 'location', skip: 1 });
	const result = await listAllLocations();
	expect(result.error).toBeUndefined();
	const refused = emulator.requests.find((r) => r.status === 429)!;
	const retry = emulator.requests.find(
		(r) =>
			r.receivedAt > refused.receivedAt &&
			r.query.get('pageNumber') === refused.query.get('pageNumber'),
	)!;
	expect(retry.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(950);
});

test('a client created while the pages are read (total changes) still yields every row exactly once', async () => {
	const { emulator } = env;
	const newcomer = {
		...emulator.data.locations[0],
		locationId: guid(9, 999),
		name: 'Opened mid-listing',
	};
	// Inserted at the front just before page 2 is answered: every later row shifts by one.
	emulator.injectFault({
		kind: 'changingTotal',
		path: 'location',
		skip: 1,
		change: (data) => void data.locations.unshift(newcomer),
	});
	try {
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result.output('coreplus'));
		expectEveryLocationOnce(rows);
		expect(rows.map((r) => r.locationId)).toContain(newcomer.locationId);
		// The second reading saw the new total on every page.
		expect(
			emulator.apiRequests('location').filter((r) => r.query.get('pageNumber') === '1'),
		).toHaveLength(2);
	} finally {
		emulator.data.locations.shift();
	}
});

test('a row deleted while the pages are read is not silently skipped', async () => {
	const { emulator } = env;
	const removed = emulator.data.locations[0];
	emulator.injectFault({
		kind: 'changingTotal',
		path: 'location',
		skip: 1,
		change: (data) => void data.locations.shift(),
	});
	try {
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.output('coreplus')).map((r) => r.locationId);
		expect(new Set(ids).size).toBe(ids.length);
		// Row 101 moved onto page 1 after page 1 was read: only a second reading finds it.
		for (const location of emulator.data.locations) expect(ids).toContain(location.locationId);
	} finally {
		emulator.data.locations.unshift(removed);
	}
});

test('an exhausted retry fails clearly, naming the endpoint and the last status', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'status', status: 503, path: 'location', times: 10 });
	const result = await listAllLocations({ maxRetries: 2, retryDelayMs: 10 });
	expect(result.error?.message).toMatch(/GET Location\//);
	expect(result.error?.message).toMatch(/HTTP 503/);
	expect(result.error?.message).toMatch(/after 3 attempts/);
	// Max Retries 2: the first try and two retries, nothing more.
	expect(emulator.requests.filter((r) => !r.overRateLimit)).toHaveLength(3);
});

test('an exhausted retry after resets names the endpoint and the network failure', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetBefore', path: 'location', times: 10 });
	const result = await listAllLocations({ maxRetries: 1, retryDelayMs: 10 });
	expect(result.error?.message).toMatch(
		/^coreplus did not answer GET Location\/: the connection was reset after 2 attempt/,
	);
	expect(emulator.requests.filter((r) => !r.overRateLimit)).toHaveLength(2);
});

test('Max Retries 0 turns retries off', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'status', status: 502, path: 'location', times: 10 });
	const result = await listAllLocations({ maxRetries: 0 });
	expect(result.error?.message).toMatch(/HTTP 502/);
	expect(emulator.requests).toHaveLength(1);
});

test('under Continue On Fail the item whose retries ran out fails and the other items succeed', async () => {
	const { emulator } = env;
	// Item 0 reads one page; item 1's first try and its retry are refused; item 2 reads normally.
	emulator.injectFault({ kind: 'status', status: 500, path: 'location', skip: 1, times: 2 });
	const result = await runCoreplus(
		emulator,
		{
			resource: 'location',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
			requestOptions: { maxRetries: 1, retryDelayMs: 10 },
		},
		{
			input: [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }],
			nodeExtra: { onError: 'continueRegularOutput' },
		},
	);
	expect(result.error).toBeUndefined();
	const items = result.output('coreplus');
	expect(items.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
		{ item: 2 },
	]);
	expect(items[2].json.error).toMatch(/GET Location\/.*HTTP 500/);
	expect(items[3].json.locationId).toBe(emulator.data.locations[0].locationId);
});

describe('a listing shifted or capped by the server', () => {
	let original: typeof env.emulator.data.locations;
	beforeEach(() => {
		original = [...env.emulator.data.locations];
	});
	afterEach(() => {
		env.emulator.data.locations.splice(0, Infinity, ...original);
		env.emulator.pageSizeCap = undefined;
	});
	const currentIds = () => env.emulator.data.locations.map((location) => location.locationId);

	test('a server serving 40 rows a page (below the 100 asked) still gives every row, following its page size', async () => {
		const { emulator } = env;
		emulator.pageSizeCap = 40;
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus')).map((row) => row.locationId)).toEqual(currentIds());
		// Page 1 asked for 100 rows and was told 40; pages 2..7 then ask for 40 each .
		const asked = emulator.apiRequests('location').map((r) => r.query.toString());
		expect(asked[0]).toBe('pageNumber=1&pageSize=100');
		expect(asked.slice(1).sort()).toEqual(
			[2, 3, 4, 5, 6, 7].map((page) => `pageNumber=${page}&pageSize=40`),
		);
	});

	test('a row moved from position 10 to the end while the pages are read (same total) is not lost', async () => {
		const { emulator } = env;
		emulator.injectFault({
			kind: 'changingTotal',
			path: 'location',
			skip: 1,
			change: (data) => moveRow(data.locations, 9, data.locations.length - 1),
		});
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus')).map((row) => row.locationId)).toEqual(currentIds());
	});

	test('a row moved from the end to position 10 while the pages are read is returned once', async () => {
		const { emulator } = env;
		emulator.injectFault({
			kind: 'changingTotal',
			path: 'location',
			skip: 1,
			change: (data) => moveRow(data.locations, data.locations.length - 1, 9),
		});
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus')).map((row) => row.locationId)).toEqual(currentIds());
	});

	test('a listing that keeps changing on every reading returns every row seen once, with a visible notice', async () => {
		const { emulator } = env;
		let added = 0;
		const newcomer = () => ({
			...original[0],
			locationId: guid(9, 2000 + added++),
			name: 'Opened mid-listing',
		});
		// Every page after the first of each reading sees one more location: no two pages agree on the total.
		emulator.injectFault({
			kind: 'changingTotal',
			path: 'location',
			times: 1000,
			change: (data) => void data.locations.unshift(newcomer()),
		});
		const result = await listAllLocations();
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.output('coreplus')).map((row) => row.locationId);
		expect(new Set(ids).size).toBe(ids.length);
		for (const location of original) expect(ids).toContain(location.locationId);
		expect(hintsOf(result)).toEqual([
			expect.stringMatching(
				/^coreplus' answers to GET Location\/ kept changing over 4 readings .* may be incomplete$/,
			),
		]);
	});
});
