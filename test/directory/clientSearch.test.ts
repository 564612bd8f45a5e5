import { EmulatorHttpError } from '../../emulator/http';
import { pageOf } from '../../emulator/paging';
import { routes } from '../../emulator/routes';
import type { Route } from '../../emulator/routes/types';
import { CoreplusEmulator } from '../../emulator/server';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { hintsOf } from '../envelopes/helpers';

/**
 * Find and Find or Create ask coreplus' name search first
 * (`GET Client/?name=`, `Field=email&Field=phonenumbermobile`: docs/coreplus-api.md#client-search) and confirm
 * "nobody" from the full listing, so a server whose name filter misbehaves never causes a duplicate.
 */
const env = useEmulator();
afterEach(() => {
	env.emulator.clientNameFilter = 'substring';
});

const clientGets = () =>
	env.emulator.apiRequests('client').filter((r) => r.method === 'GET' && r.status !== 429);
const posts = () => env.emulator.apiRequests('client').filter((r) => r.method === 'POST');

/** A client on the last page of the listing, named as nobody else is. */
function returningPatient(extra: Record<string, unknown> = {}) {
	const client = {
		...env.emulator.data.clients[0],
		clientId: `search-${env.emulator.data.clients.length}`,
		firstName: 'Quentin',
		lastName: `Searchable${env.emulator.data.clients.length}`,
		dateOfBirth: '1975-03-09T00:00:00',
		...extra,
	};
	env.emulator.data.clients.push(client);
	return client;
}

const identityOf = (client: { firstName: unknown; lastName: unknown }) => ({
	firstName: String(client.firstName),
	lastName: String(client.lastName),
	dateOfBirth: '1975-03-09',
});

test('Find on a matched client sends one request: the name search, with email and mobile asked for', async () => {
	const client = returningPatient({ email: 'q@example.com', phoneNumberMobile: '0400 000 001' });
	const result = await runCoreplus(env.emulator, {
		resource: 'client',
		operation: 'find',
		...identityOf(client),
		simplify: false,
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toEqual([
		expect.objectContaining({ clientId: client.clientId, email: 'q@example.com' }),
	]);
	const [search, ...others] = env.emulator.apiRequests();
	expect(others).toEqual([]);
	// The longest run of letters of the last name (Searchable<n>): every spelling of it contains it.
	expect(search.query.get('name')).toBe('Searchable');
	expect(search.query.getAll('Field')).toEqual(['email', 'phonenumbermobile']);
});

test('Find or Create of a returning patient: one request, nothing created', async () => {
	const client = returningPatient();
	const result = await runCoreplus(env.emulator, {
		resource: 'client',
		operation: 'findOrCreate',
		...identityOf(client),
		simplify: false,
	});
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		clientId: client.clientId,
		outcome: 'matched',
	});
	expect(env.emulator.apiRequests()).toHaveLength(1);
	expect(posts()).toHaveLength(0);
});

describe.each(['nothing', 'ignored'] as const)('a server whose name filter %s', (filter) => {
	test('Find or Create still finds the existing client from the full listing (no duplicate)', async () => {
		const client = returningPatient();
		env.emulator.clientNameFilter = filter;
		const result = await runCoreplus(env.emulator, {
			resource: 'client',
			operation: 'findOrCreate',
			...identityOf(client),
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			clientId: client.clientId,
			outcome: 'matched',
		});
		expect(posts()).toHaveLength(0);
	});

	test('Find still finds the client', async () => {
		const client = returningPatient();
		env.emulator.clientNameFilter = filter;
		const result = await runCoreplus(env.emulator, {
			resource: 'client',
			operation: 'find',
			...identityOf(client),
			simplify: false,
		});
		expect(jsonOf(result.output('coreplus')).map((c) => c.clientId)).toEqual([client.clientId]);
	});
});

test('a newcomer is created only after the full listing confirms nobody matches', async () => {
	const total = env.emulator.data.clients.length;
	const result = await runCoreplus(env.emulator, {
		resource: 'client',
		operation: 'findOrCreate',
		firstName: 'Nora',
		lastName: 'Newcomer',
		dateOfBirth: '1990-01-01',
		simplify: false,
	});
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({ outcome: 'created' });
	const [search, ...listing] = clientGets();
	expect(search.query.get('name')).toBe('Newcomer');
	expect(listing).toHaveLength(Math.ceil(total / 100));
	expect(listing.every((r) => r.query.get('name') === null)).toBe(true);
	// The full listing asks for email and mobile too, for "Also Match On".
	expect(listing.every((r) => r.query.getAll('Field').length === 2)).toBe(true);
	expect(posts()).toHaveLength(1);
});

test('a server refusing the name search (400) is searched through the full list, with a notice', async () => {
	const refuseName: Route = {
		method: 'GET',
		pattern: 'client',
		permission: 'VIEW_CLIENTLIST',
		deniedReason: 'Not authorized for viewing client list',
		handle: ({ data, query }) => {
			if (query.has('name')) throw new EmulatorHttpError(400, 'Unknown parameter: name');
			return { body: pageOf(data.clients, query, 'clients') };
		},
	};
	const emulator = await new CoreplusEmulator({ routes: [refuseName, ...routes] }).start();
	try {
		const last = emulator.data.clients[emulator.data.clients.length - 1];
		const result = await runCoreplus(emulator, {
			resource: 'client',
			operation: 'findOrCreate',
			firstName: String(last.firstName),
			lastName: String(last.lastName),
			dateOfBirth: String(last.dateOfBirth).slice(0, 10),
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			clientId: last.clientId,
			outcome: 'matched',
		});
		expect(hintsOf(result)).toEqual([
			expect.stringMatching(/^coreplus refused the client name search \(.*Unknown parameter: name/),
		]);
		expect(emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(0);
	} finally {
		await emulator.stop();
	}
});

describe.each([
	["O'Brien", 'O\u2019Brien'],
	['Smith-Jones', 'Smith Jones'],
])('twins %s and %s with the same birth date', (spelled, twin) => {
	const addTwins = () =>
		[spelled, twin].map((lastName, index) =>
			returningPatient({ clientId: `twin-${lastName}-${index}`, lastName }),
		);

	test('Find or Create fails "2 clients match", as the full list says', async () => {
		const [first, second] = addTwins();
		const result = await runCoreplus(env.emulator, {
			resource: 'client',
			operation: 'findOrCreate',
			...identityOf(first),
			simplify: false,
		});
		expect(result.error?.message).toBe(
			`2 clients match Quentin ${spelled}, born 1975-03-09: ${String(first.clientId)}, ${String(second.clientId)}`,
		);
		expect(posts()).toHaveLength(0);
		env.emulator.data.clients.splice(-2, 2);
	});

	test('Find returns both', async () => {
		const twins = addTwins();
		const result = await runCoreplus(env.emulator, {
			resource: 'client',
			operation: 'find',
			...identityOf(twins[1]),
			simplify: false,
		});
		expect(jsonOf(result.output('coreplus')).map((c) => c.clientId)).toEqual(
			twins.map((c) => c.clientId),
		);
		env.emulator.data.clients.splice(-2, 2);
	});
});
