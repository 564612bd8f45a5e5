import { NO_CLIENT_LIST_ACCESS_TOKEN } from '../../emulator/consumers';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator();

describe('Client → Get Many', () => {
	test('returns one item per client in the API order, with a normalised date of birth', async () => {
		const { emulator } = env;
		const result = await runCoreplus(emulator, {
			resource: 'client',
			operation: 'getMany',
			returnAll: true,
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result.output('coreplus'));
		expect(rows.map((r) => r.clientId)).toEqual(emulator.data.clients.map((c) => c.clientId));
		const first = emulator.data.clients[0];
		expect(rows[0]).toEqual({ ...first, dateOfBirthIso: String(first.dateOfBirth).slice(0, 10) });
		expect(rows[0].dateOfBirthIso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const received = emulator.apiRequests('client');
		expect(received.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
		expect(received.map((r) => r.query.toString()).sort()).toEqual([
			'pageNumber=1&pageSize=100',
			'pageNumber=2&pageSize=100',
			'pageNumber=3&pageSize=100',
		]);
		expect(received[0].path).toBe('Client/');
		expect(received.every((r) => r.claims?.url === r.url)).toBe(true);
	});

	test('Limit asks for only the rows it needs', async () => {
		const { emulator } = env;
		const result = await runCoreplus(emulator, {
			resource: 'client',
			operation: 'getMany',
			returnAll: false,
			limit: 7,
		});
		const rows = jsonOf(result.output('coreplus'));
		expect(rows.map((r) => r.clientId)).toEqual(
			emulator.data.clients.slice(0, 7).map((c) => c.clientId),
		);
		expect(emulator.apiRequests('client').map((r) => r.query.toString())).toEqual([
			'pageNumber=1&pageSize=7',
		]);
	});

	test("a token without the client-list permission shows coreplus' reason", async () => {
		const { emulator } = env;
		const result = await runCoreplus(
			emulator,
			{ resource: 'client', operation: 'getMany', returnAll: true },
			{
				credentialOverrides: { accessToken: NO_CLIENT_LIST_ACCESS_TOKEN },
			},
		);
		expect(result.error?.message).toContain('Not authorized for viewing client list');
		expect(JSON.stringify(result.error)).not.toContain(NO_CLIENT_LIST_ACCESS_TOKEN);
		expect(emulator.requests.filter((r) => !r.overRateLimit)).toHaveLength(1);
		expect(emulator.requests[0].status).toBe(401);
	});
});

describe('Client → Create', () => {
	test('sends the documented field names, the date as yyyy-mm-dd, and returns the new id', async () => {
		const { emulator } = env;
		const result = await runCoreplus(emulator, {
			resource: 'client',
			operation: 'create',
			firstName: '  Bob ',
			lastName: 'Smith',
			dateOfBirth: '1996-04-29T00:00:00.000+10:00',
			additionalFields: {
				title: 'Mr',
				gender: 'Male',
				pronouns: 'they',
				status: 'Current',
				externalId: 'CRM-42',
				email: 'bob@example.com',
				notes1: 'Prefers mornings',
				medicareCardIrn: '1',
				medicareCardExpireDate: '2027-08-01',
				phoneNumberMobile: '0400 000 000',
				postalSameAsResidential: true,
			},
			addresses: {
				residential: {
					streetAddress: '1 George St',
					city: 'Sydney',
					state: 'NSW',
					postcode: '2000',
				},
			},
		});
		expect(result.error).toBeUndefined();
		const [received] = emulator.apiRequests('client');
		expect(received.method).toBe('POST');
		expect(received.path).toBe('Client/');
		expect(received.json).toEqual({
			firstName: 'Bob',
			lastName: 'Smith',
			dateOfBirth: '1996-04-29',
			title: 'Mr',
			gender: 'Male',
			pronouns: 'they',
			Status: 'Current',
			ExternalId: 'CRM-42',
			email: 'bob@example.com',
			notes1: 'Prefers mornings',
			medicareCardIRN: '1',
			medicareCardExpireDate: '2027-08-01',
			phoneNumberMobile: '0400 000 000',
			postalSameAsResidential: true,
			addressResidential: {
				streetAddress: '1 George St',
				city: 'Sydney',
				state: 'NSW',
				postcode: '2000',
			},
		});
		const [output] = jsonOf(result.output('coreplus'));
		const stored = emulator.data.clients[emulator.data.clients.length - 1];
		expect(output).toEqual({ clientId: stored.clientId });
		expect(stored).toMatchObject({ firstName: 'Bob', dateOfBirth: '1996-04-29T00:00:00' });
	});

	test('the minimal body is exactly the documented example', async () => {
		const { emulator } = env;
		await runCoreplus(emulator, {
			resource: 'client',
			operation: 'create',
			firstName: 'Bob',
			lastName: 'Smith',
			dateOfBirth: '1996-04-29',
		});
		const [received] = emulator.apiRequests('client');
		expect(received.rawBody.toString()).toBe(
			'{"firstName":"Bob","lastName":"Smith","dateOfBirth":"1996-04-29"}',
		);
	});
});

describe('Client → Add Family Member', () => {
	test('posts the client id as a plain string with the relationship and flags, and returns the flat record', async () => {
		const { emulator } = env;
		const clientId = String(emulator.data.clients[3].clientId);
		const result = await runCoreplus(emulator, {
			resource: 'client',
			operation: 'addFamilyMember',
			clientId: { __rl: true, mode: 'list', value: clientId },
			firstName: 'Aki',
			surname: 'Smith',
			relationship: 'Mother',
			additionalFields: {
				title: 'Mrs',
				dateOfBirth: '1960-02-03',
				mobile: '0411 111 111',
				emergencyContact: true,
				mainContact: false,
			},
		});
		expect(result.error).toBeUndefined();
		const [received] = emulator.apiRequests('clientfamily');
		expect(received.path).toBe('ClientFamily/');
		expect(received.json).toEqual({
			clientId,
			firstName: 'Aki',
			surname: 'Smith',
			relationship: 'Mother',
			title: 'Mrs',
			dateOfBirth: '1960-02-03',
			mobile: '0411 111 111',
			emergencyContact: true,
			mainContact: false,
		});
		const [output] = jsonOf(result.output('coreplus'));
		expect(output).toMatchObject({
			firstName: 'Aki',
			surname: 'Smith',
			relationship: 'Mother',
			emergencyContact: true,
			invoiceRecipient: false,
		});
		expect(output.familyId).toBe(emulator.data.clientFamilies.at(-1)?.familyId);
	});

	test('a relationship outside the suggestions is sent as given (by expression), client picked By ID', async () => {
		const { emulator } = env;
		const clientId = String(emulator.data.clients[0].clientId);
		const result = await runCoreplus(emulator, {
			resource: 'client',
			operation: 'addFamilyMember',
			clientId: { __rl: true, mode: 'id', value: `={{ "${clientId}" }}` },
			firstName: 'Sam',
			surname: 'Lee',
			relationship: '={{ "Case Worker" }}',
		});
		expect(result.error).toBeUndefined();
		expect(emulator.apiRequests('clientfamily')[0].json).toEqual({
			clientId,
			firstName: 'Sam',
			surname: 'Lee',
			relationship: 'Case Worker',
		});
	});
});
