import { Readable } from 'node:stream';

import { NodeConnectionTypes, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

import { coreplusRequest } from '../../nodes/Coreplus/transport/request';
import { jsonOf, node, runWorkflow } from '../../harness/engine';
import { TestNodeTypes } from '../../harness/nodeTypes';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * A 429 pauses every request of the consumer for as long as coreplus asks, is
 * not a failure while the wait budget lasts, and writes (uploads included, with a fresh body) are
 * retried after it because coreplus did not act.
 */
const env = useEmulator();

function addLocations(count: number) {
	const { data } = env.emulator;
	const template = data.locations[0];
	for (let index = 0; index < count; index++) {
		data.locations.push({
			...template,
			locationId: `rate-location-${String(index).padStart(4, '0')}`,
			name: `Rate ${index}`,
		});
	}
}
afterEach(() => void env.emulator.data.locations.splice(5));

test.each(['seconds', 'date'] as const)(
	'a 429 with Retry-After as %s holds every request of the consumer, and both listings come back whole',
	async (format) => {
		const { emulator } = env;
		addLocations(995);
		emulator.injectFault({
			kind: 'status',
			status: 429,
			path: 'location',
			skip: 2,
			// 3 s: an HTTP date has whole seconds, so the pause is at least 2 s in either format,
			// far above the 900 ms asserted below even when a loaded machine delays requests in flight.
			retryAfter: 3,
			retryAfterFormat: format,
		});
		const runs = await Promise.all(
			[1, 2].map(
				async () =>
					await runCoreplus(emulator, {
						resource: 'location',
						operation: 'getMany',
						returnAll: true,
					}),
			),
		);
		const expected = emulator.data.locations.map((l) => l.locationId);
		for (const result of runs) {
			expect(result.error).toBeUndefined();
			expect(jsonOf(result.output('coreplus')).map((r) => r.locationId)).toEqual(expected);
		}
		const refused = emulator.requests.find((r) => r.status === 429)!;
		expect(refused).toBeDefined();
		// Both listings (20 pages) still had pages to fetch: had only the refused page waited, the
		// other requests would have kept arriving every ~100 ms. A gap of a whole second among them
		// after the 429 shows the whole consumer paused (a lower bound: a loaded machine only widens gaps).
		const later = emulator.requests.filter((r) => r.receivedAt > refused.receivedAt);
		const retry = later.find((r) => r.query.get('pageNumber') === refused.query.get('pageNumber'));
		const after = [refused, ...later.filter((r) => r !== retry)].map((r) => r.receivedAt);
		const gaps = after.slice(1).map((at, index) => at - after[index]);
		expect(Math.max(...gaps)).toBeGreaterThanOrEqual(900);
		expect(after.length).toBeGreaterThan(10);
	},
);

test('a 429 fails once the Rate-Limit Wait Budget is spent, naming the status', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'status', status: 429, path: 'location', times: 5, retryAfter: 0 });
	const result = await runCoreplus(emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
		requestOptions: { rateLimitBudgetMs: 0 },
	} as never);
	expect(result.error?.message).toMatch(/GET Location\/ \(HTTP 429\)/);
	expect(emulator.requests).toHaveLength(1);
});

/** Posts an appointment type with a body built afresh per attempt, as a stream (like an upload). */
const streamingWriter: INodeType = {
	description: {
		displayName: 'Streaming writer',
		name: 'streamingWriter',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Streaming writer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coreplusApi', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		let bodiesBuilt = 0;
		const answer = await coreplusRequest(this, {
			method: 'POST',
			endpoint: 'appointmenttype/',
			body: () => {
				bodiesBuilt++;
				return Readable.from([
					Buffer.from(JSON.stringify({ description: 'Streamed', durationMinutes: '30' })),
				]);
			},
		});
		return [[{ json: { answer, bodiesBuilt } }]];
	},
};

test('a streamed write refused with 429 is sent again with a fresh body and creates exactly one record', async () => {
	const { emulator } = env;
	emulator.injectFault({
		kind: 'status',
		status: 429,
		method: 'POST',
		path: 'appointmenttype',
		retryAfter: 0,
	});
	const before = emulator.data.appointmentTypes.length;
	const result = await runWorkflow({
		nodeTypes: new TestNodeTypes({ 'test.streamingWriter': streamingWriter }),
		nodes: [
			node({
				name: 'Streaming writer',
				type: 'test.streamingWriter',
				parameters: {},
				credentials: { coreplusApi: { id: '1', name: 'c' } },
			}),
		],
		credentials: { coreplusApi: emulator.credentials() },
	});
	expect(result.error).toBeUndefined();
	expect(emulator.apiRequests('appointmenttype').map((r) => r.status)).toEqual([429, 200]);
	expect(emulator.apiRequests('appointmenttype')[1].json).toEqual({
		description: 'Streamed',
		durationMinutes: '30',
	});
	expect(emulator.data.appointmentTypes.length).toBe(before + 1);
	expect(result.output('Streaming writer')[0].json.bodiesBuilt).toBe(2);
});
