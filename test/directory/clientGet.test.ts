import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { hintsOf } from '../envelopes/helpers';

/** Client → Get, `GET Client/{id}` answering the bare record (docs/coreplus-api.md#client-get, the 2020 Flask client). */
const env = useEmulator();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function withFullRecord() {
	const client = {
		...env.emulator.data.clients[0],
		clientId: 'get-full-1',
		firstName: 'Grace',
		lastName: 'Getter',
		dateOfBirth: '1980-05-04T00:00:00',
		email: 'grace@example.com',
		phoneNumberMobile: '0400 111 222',
		phoneNumberHome: '03 9000 0000',
		dvaCardNumber: 'V123',
		addressResidential: {
			streetAddress: '1 Main St',
			suburb: 'Carlton',
			state: 'VIC',
			postcode: '3053',
		},
	};
	env.emulator.data.clients.push(client);
	return { ...client, practitionerId: String(env.emulator.data.clients[0].practitionerId) };
}

test('Get reads the bare record by id, with the fields the list leaves out', async () => {
	const { emulator } = env;
	const client = withFullRecord();
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'get',
		clientId: byId(client.clientId),
		simplify: false,
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toEqual([{ ...client, dateOfBirthIso: '1980-05-04' }]);
	const [request] = emulator.apiRequests();
	expect(request.path).toBe(`Client/${client.clientId}`);
	expect(request.method).toBe('GET');
	expect(emulator.apiRequests()).toHaveLength(1);
	// Client → Get Many's rows of the same client carry none of them (they need `Field=`).
	const listed = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'getMany',
		returnAll: true,
		simplify: false,
	});
	const row = jsonOf(listed.output('coreplus')).find((c) => c.clientId === client.clientId)!;
	expect(row).not.toHaveProperty('email');
	expect(row).not.toHaveProperty('addressResidential');
});

test('Get simplified is the flat client of Get Many, with the practitioner named', async () => {
	const { emulator } = env;
	const client = withFullRecord();
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'get',
		clientId: byId(client.clientId),
	});
	expect(result.error).toBeUndefined();
	const practitioner = emulator.data.practitioners.find(
		(p) => p.practitionerId === client.practitionerId,
	)!;
	expect(jsonOf(result.output('coreplus'))).toEqual([
		expect.objectContaining({
			clientId: client.clientId,
			name: 'Grace Getter',
			dateOfBirth: '1980-05-04',
			email: 'grace@example.com',
			mobile: '0400 111 222',
			practitionerId: practitioner.practitionerId,
			practitionerName: expect.stringContaining(String(practitioner.lastName)),
		}),
	]);
});

test('an unknown id is an error naming the id', async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'get',
		clientId: byId('no-such-client'),
	});
	expect(result.error?.message).toBe('No client with ID no-such-client in coreplus');
	expect(result.error?.description).toContain('Client no-such-client not found');
});

test('a record under another key is read with a notice; an unreadable answer fails naming the endpoint', async () => {
	const { emulator } = env;
	const client = withFullRecord();
	const get = { resource: 'client', operation: 'get', clientId: byId(client.clientId) };
	emulator.envelopes.set({ path: 'client/*', method: 'GET', variant: 'renamedKey' });
	try {
		const renamed = await runCoreplus(emulator, get);
		expect(jsonOf(renamed.output('coreplus'))[0]).toMatchObject({ clientId: client.clientId });
		expect(hintsOf(renamed)).toEqual([expect.stringContaining('read the record from "data"')]);
		emulator.envelopes.set({ path: 'client/*', method: 'GET', variant: 'empty' });
		const empty = await runCoreplus(emulator, get);
		expect(empty.error?.message).toContain(`GET Client/${client.clientId}`);
	} finally {
		emulator.envelopes.clear();
	}
});
