import type { Fault } from '../../emulator/server';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * A write whose fate is unknown is never sent twice: a duplicate client (or booking) in a clinic's
 * records is worse than a clear error. Only a 429, where coreplus provably did not act, is retried.
 */
const env = useEmulator();

const CREATE = {
	resource: 'client',
	operation: 'create',
	firstName: 'Ada',
	lastName: 'Lovelace',
	dateOfBirth: '1990-12-10',
	// A timeout well above a loaded machine's answer times, so only the slow fault runs into it.
	requestOptions: { maxRetries: 3, retryDelayMs: 10, timeoutMs: 2000 },
};

// A person of their own for every test: after a create with unknown outcome, the process refuses
// to create the same person again for a while (test/directory/unsettledCreate.test.ts).
let people = 0;

async function createClient(fault: Fault) {
	env.emulator.injectFault({ ...fault, method: 'POST', path: 'client' });
	const before = env.emulator.data.clients.length;
	const result = await runCoreplus(env.emulator, {
		...CREATE,
		firstName: `Ada${++people}`,
	} as never);
	return {
		result,
		posts: env.emulator.apiRequests('client').filter((r) => r.method === 'POST'),
		created: env.emulator.data.clients.length - before,
	};
}

const unknownFate: Array<[string, Fault, number]> = [
	['the connection is reset after coreplus acted', { kind: 'resetAfter' }, 1],
	['the connection is reset before coreplus acted', { kind: 'resetBefore' }, 0],
	['the answer is slower than the timeout', { kind: 'slow', delayMs: 3000 }, 1],
];

test.each(unknownFate)(
	'a create is sent once when %s, and the error says its fate is unknown',
	async (_name, fault, created) => {
		const { result, posts } = await createClient(fault);
		expect(posts).toHaveLength(1);
		expect(result.error?.message).toMatch(/^coreplus did not answer POST Client\//);
		expect(result.error?.description).toMatch(/may or may not have acted.*not sent again/);
		// The emulator acted (or not) exactly once; the node cannot tell which, so it did not repeat.
		// A slow answer is still being worked on: wait until the emulator has answered (acted) it.
		if (fault.kind === 'slow')
			while (posts[0].status === 0) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(
			env.emulator.data.clients.filter(
				(c) => c.firstName === `Ada${people}` && c.lastName === 'Lovelace',
			),
		).toHaveLength(created);
	},
);

test('a create whose answer is unreadable is not sent again', async () => {
	const { result, posts, created } = await createClient({ kind: 'truncated' });
	expect(posts).toHaveLength(1);
	expect(created).toBe(1);
	expect(result.error?.message).toMatch(
		/coreplus accepted POST Client\/ \(HTTP 200\) but its answer could not be read/,
	);
});

test.each([500, 502, 503])(
	'a create answered %i is not retried (coreplus may have acted before failing)',
	async (status) => {
		const { result, posts } = await createClient({ kind: 'status', status });
		expect(posts).toHaveLength(1);
		expect(result.error?.message).toMatch(new RegExp(`POST Client/ \\(HTTP ${status}\\)`));
	},
);

test('a create refused with 429 is retried (coreplus did not act) and creates exactly one client', async () => {
	const { result, posts, created } = await createClient({
		kind: 'status',
		status: 429,
		retryAfter: 0,
	});
	expect(result.error).toBeUndefined();
	expect(posts.map((p) => p.status)).toEqual([429, 200]);
	expect(created).toBe(1);
	expect(jsonOf(result.output('coreplus'))[0].clientId).toBe(
		env.emulator.data.clients.at(-1)!.clientId,
	);
});

test('under Continue On Fail a write with unknown fate becomes an error item and the other items are created', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'client', skip: 1 });
	const before = emulator.data.clients.length;
	const result = await runCoreplus(
		emulator,
		{ ...CREATE, firstName: '={{ $json.name }}' } as never,
		{
			input: [{ json: { name: 'Bea' } }, { json: { name: 'Cy' } }, { json: { name: 'Di' } }],
			nodeExtra: { onError: 'continueRegularOutput' },
		},
	);
	expect(result.error).toBeUndefined();
	const items = result.output('coreplus');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json.clientId).toBeDefined();
	expect(items[1].json.error).toMatch(/POST Client\//);
	expect(items[2].json.clientId).toBeDefined();
	expect(emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(3);
	expect(emulator.data.clients.length - before).toBe(3);
});
