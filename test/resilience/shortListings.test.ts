import type { Route } from '../../emulator/routes/types';
import { routes } from '../../emulator/routes';
import { CoreplusEmulator } from '../../emulator/server';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { hintsOf } from '../envelopes/helpers';

/**
 * A listing the node cannot prove complete is read on until an empty page shows
 * the end, or fails loudly; Find or Create never creates from a part of the client list.
 */
const env = useEmulator();
afterEach(() => {
	env.emulator.pageSizeCap = undefined;
	env.emulator.envelopes.clear();
	env.emulator.clientNameFilter = 'substring';
});

const listAll = (emulator: CoreplusEmulator) =>
	runCoreplus(emulator, { resource: 'client', operation: 'getMany', returnAll: true });
const allIds = (emulator: CoreplusEmulator) => emulator.data.clients.map((c) => c.clientId);
const clientGets = (emulator: CoreplusEmulator) =>
	emulator.apiRequests('client').filter((r) => r.method === 'GET' && r.status !== 429);

/** The last client of the listing, as a returning patient types them into Find or Create. */
function lastClientAsTyped(emulator: CoreplusEmulator) {
	const last = emulator.data.clients[emulator.data.clients.length - 1];
	return {
		resource: 'client',
		operation: 'findOrCreate',
		firstName: String(last.firstName),
		lastName: String(last.lastName),
		dateOfBirth: String(last.dateOfBirth).slice(0, 10),
		simplify: false,
	};
}

/** An emulator whose client list is served by `handle` instead of the usual route. */
async function withClientList(
	handle: Route['handle'],
	run: (e: CoreplusEmulator) => Promise<void>,
) {
	const list: Route = {
		method: 'GET',
		pattern: 'client',
		permission: 'VIEW_CLIENTLIST',
		deniedReason: 'Not authorized for viewing client list',
		handle,
	};
	const emulator = await new CoreplusEmulator({ routes: [list, ...routes] }).start();
	try {
		await run(emulator);
	} finally {
		await emulator.stop();
	}
}

/** Rows of the asked page, as many as the server serves (`cap`), offset by its own page size. */
function servedPage(query: URLSearchParams, rows: unknown[], cap: number) {
	const pageNumber = Number(query.get('pageNumber') ?? 1);
	const size = Math.min(cap, Number(query.get('pageSize') ?? 50));
	return rows.slice((pageNumber - 1) * size, pageNumber * size);
}

test('40 rows a page as a bare array (no paging, no total): read on to an empty page, every row', async () => {
	const { emulator } = env;
	emulator.pageSizeCap = 40;
	emulator.envelopes.set({ path: 'client', variant: 'bareArray' });
	const result = await listAll(emulator);
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus')).map((c) => c.clientId)).toEqual(allIds(emulator));
	// 240 rows: six pages of 40, and the empty seventh that shows the end.
	expect(clientGets(emulator).map((r) => r.query.get('pageNumber'))).toEqual([
		'1',
		'2',
		'3',
		'4',
		'5',
		'6',
		'7',
	]);
});

test('Find or Create on such a server finds a client from the last page: no duplicate', async () => {
	const { emulator } = env;
	emulator.pageSizeCap = 40;
	emulator.envelopes.set({ path: 'client', variant: 'bareArray' });
	emulator.clientNameFilter = 'nothing';
	const result = await runCoreplus(emulator, lastClientAsTyped(emulator));
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		clientId: allIds(emulator).at(-1),
		outcome: 'matched',
	});
	expect(emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(0);
});

test('a wrong pageSize (says 100, serves 40, with the total): every row, read once, no re-read passes', async () => {
	await withClientList(
		({ data, query }) => ({
			body: {
				clients: servedPage(query, data.clients, 40),
				paging: { pageNumber: 1, pageSize: 100, totalRows: data.clients.length },
			},
		}),
		async (emulator) => {
			const result = await listAll(emulator);
			expect(result.error).toBeUndefined();
			expect(jsonOf(result.output('coreplus')).map((c) => c.clientId)).toEqual(allIds(emulator));
			expect(clientGets(emulator)).toHaveLength(6);
			expect(hintsOf(result)).toEqual([]);
		},
	);
});

test('an inflated totalRows is bounded by the empty page, not re-read', async () => {
	await withClientList(
		({ data, query }) => ({
			body: {
				clients: servedPage(query, data.clients, 100),
				paging: { pageSize: 100, totalRows: data.clients.length + 150 },
			},
		}),
		async (emulator) => {
			const result = await listAll(emulator);
			expect(result.error).toBeUndefined();
			expect(jsonOf(result.output('coreplus')).map((c) => c.clientId)).toEqual(allIds(emulator));
			// ceil(390 / 100) = 4 pages; the fourth is empty and ends the list.
			expect(clientGets(emulator)).toHaveLength(4);
			expect(hintsOf(result)).toEqual([
				'coreplus announced 390 rows for GET Client/ but an empty page ended the list after 240; the 240 rows read are the whole list',
			]);
		},
	);
});

describe('a server that ignores paging (the same first 100 rows on every page, no total)', () => {
	const firstHundred: Route['handle'] = ({ data }) => ({ body: data.clients.slice(0, 100) });

	test('Get Many fails loudly instead of returning a part', async () => {
		await withClientList(firstHundred, async (emulator) => {
			const result = await listAll(emulator);
			expect(result.error?.message).toBe(
				"coreplus' answers to GET Client/ cannot be shown to be complete: page 2 repeated rows already read (the server seems to ignore paging), and no empty page showed where the list ends",
			);
		});
	});

	test('Find or Create creates nobody from it', async () => {
		await withClientList(firstHundred, async (emulator) => {
			const result = await runCoreplus(emulator, lastClientAsTyped(emulator));
			expect(result.error?.message).toMatch(/cannot be shown to be complete/);
			expect(emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(0);
		});
	});
});
