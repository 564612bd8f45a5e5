import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { bookParameters, seeded } from '../booking/fixtures';
import { itemWith, PDF } from '../support/messageFixtures';
import { hintsOf } from './helpers';

/**
 * A get's or a write's answer in another envelope: the record is read all the same, with a notice;
 * an answer holding no single record (or a whole list) fails loudly and a write is never re-sent.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});
afterEach(() => env.emulator.envelopes.clear());

async function book() {
	const { emulator } = env;
	const { sydney, aisha, client } = seeded(emulator);
	return await runCoreplus(
		emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start: '2026-05-13T14:00', end: '2026-05-13T14:45' },
		),
	);
}

const getAppointment = (appointmentId: string) => ({
	resource: 'appointment',
	operation: 'get',
	appointmentId,
});

test('Book answered under another key returns the appointment, with a notice, sent once', async () => {
	const { emulator } = env;
	emulator.envelopes.set({ path: 'appointment', method: 'POST', variant: 'renamedKey' });
	const result = await book();
	expect(result.error).toBeUndefined();
	const [appointment] = jsonOf(result.output('coreplus'));
	expect(appointment.appointmentId).toBe(emulator.data.appointments[0].appointmentId);
	expect(appointment.start).toBe('2026-05-13T14:00:00+10:00');
	expect(emulator.apiRequests('appointment').filter((r) => r.method === 'POST')).toHaveLength(1);
	expect(hintsOf(result)).toEqual([
		expect.stringMatching(
			/^coreplus answered POST Appointment\/ without a "appointment" object .*read the record from "data"/,
		),
	]);
});

test('Appointment → Get in PascalCase returns the appointment with a notice', async () => {
	const { emulator } = env;
	const appointmentId = String(jsonOf((await book()).output('coreplus'))[0].appointmentId);
	emulator.envelopes.set({ path: 'appointment/*', variant: 'pascalCase' });
	const result = await runCoreplus(emulator, getAppointment(appointmentId));
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toEqual([
		expect.objectContaining({ appointmentId, start: '2026-05-13T14:00:00+10:00' }),
	]);
	expect(hintsOf(result)[0]).toContain(`GET Appointment/${appointmentId}/`);
});

test('Appointment → Get answered with a list envelope fails instead of passing the list through', async () => {
	const { emulator } = env;
	const appointmentId = String(jsonOf((await book()).output('coreplus'))[0].appointmentId);
	emulator.envelopes.set({ path: 'appointment/*', variant: 'listEnvelope' });
	const result = await runCoreplus(emulator, getAppointment(appointmentId));
	expect(result.output('coreplus')).toEqual([]);
	expect(result.error?.message).toBe(
		`coreplus answered GET Appointment/${appointmentId}/ in a shape the node cannot read: expected a "appointment" object, received keys: appointments, paging, statusMessages`,
	);
});

test('Appointment → Get Many in PascalCase lists the booked appointment', async () => {
	const { emulator } = env;
	const appointmentId = String(jsonOf((await book()).output('coreplus'))[0].appointmentId);
	const { sydney } = seeded(emulator);
	emulator.envelopes.set({ path: 'appointment', method: 'GET', variant: 'pascalCase' });
	const result = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'getMany',
		startDate: '2026-05-13',
		endDate: '2026-05-13',
		timeZoneSource: 'location',
		timeZoneLocationId: String(sydney.locationId),
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus')).map((row) => row.appointmentId)).toEqual([
		appointmentId,
	]);
	expect(hintsOf(result)[0]).toMatch(
		/GET Appointment\/ without a "appointments" list .*"Appointments"/,
	);
});

const CLIENT_ID = '00004001-0004-4001-8007-9e3779b10004';
const writes = [
	[
		'Client → Create',
		'client',
		'extraFields',
		{
			resource: 'client',
			operation: 'create',
			firstName: 'Bob',
			lastName: 'Smith',
			dateOfBirth: '1996-04-29',
		},
		'clientId',
	],
	[
		'Client → Add Family Member',
		'clientfamily',
		'renamedKey',
		{
			resource: 'client',
			operation: 'addFamilyMember',
			clientId: { __rl: true, mode: 'id', value: CLIENT_ID },
			firstName: 'Aki',
			surname: 'Smith',
		},
		'familyId',
	],
	[
		'Appointment Type → Create',
		'appointmenttype',
		'pascalCase',
		{ resource: 'appointmentType', operation: 'create', description: 'Hydrotherapy' },
		'appointmentTypeId',
	],
] as const;

test.each(writes)(
	'%s (%s) answered as %s returns the created record with a notice',
	async (_name, path, variant, parameters, idField) => {
		const { emulator } = env;
		emulator.envelopes.set({ path, method: 'POST', variant });
		const result = await runCoreplus(emulator, parameters as never);
		expect(result.error).toBeUndefined();
		const [created] = jsonOf(result.output('coreplus'));
		expect(typeof created[idField]).toBe('string');
		expect(Object.keys(created)).not.toContain('success');
		expect(hintsOf(result)).toHaveLength(1);
		expect(emulator.apiRequests(path)).toHaveLength(1);
	},
);

test('Client → Create answered 2xx without a client: made, id unknown, with what to check; sent once', async () => {
	const { emulator } = env;
	emulator.envelopes.set({ path: 'client', method: 'POST', variant: 'empty' });
	const result = await runCoreplus(emulator, writes[0][3] as never);
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toEqual([
		{
			made: true,
			idUnknown: true,
			clientId: null,
			check: expect.stringMatching(
				/^the client Bob Smith \(born 1996-04-29\) was accepted; find the client in coreplus/,
			),
			response: {},
		},
	]);
	expect(hintsOf(result)).toEqual([expect.stringMatching(/held no clientId: it was made/)]);
	expect(emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(1);
});

const sendOne = () =>
	runCoreplus(
		env.emulator,
		{ resource: 'message', operation: 'send', sendingFacility: 'Referral inbox (n8n)' },
		{ input: [itemWith({ data: PDF })] },
	);

test('Message → Send: any 2xx is a delivered message, its answer passed on as it came, with no notice', async () => {
	const { emulator } = env;
	emulator.envelopes.set({ path: 'message', method: 'POST', variant: 'extraFields' });
	const adapted = await sendOne();
	expect(adapted.error).toBeUndefined();
	expect(jsonOf(adapted.output('coreplus'))[0]).toMatchObject({
		success: true,
		result: { messageId: expect.any(String), files: [{ name: 'referral.pdf' }] },
	});
	expect(hintsOf(adapted)).toEqual([]);

	// coreplus documents no answer body for this call.
	emulator.envelopes.set({ path: 'message', method: 'POST', variant: 'empty' });
	const bare = await sendOne();
	expect(bare.error).toBeUndefined();
	expect(hintsOf(bare)).toEqual([]);
	expect(emulator.apiRequests('message')).toHaveLength(2);
});

test('Message → Send answered 200 {"result":[],"statusMessages":[]} is delivered', async () => {
	const { emulator } = env;
	emulator.shapes.set({ messageAnswer: 'statusOnly' });
	try {
		const result = await sendOne();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))).toEqual([
			{
				result: [],
				statusMessages: [],
				sentFiles: [expect.objectContaining({ fileName: 'referral.pdf', size: PDF.bytes.length })],
			},
		]);
		expect(emulator.apiRequests('message')).toHaveLength(1);
	} finally {
		emulator.shapes.reset();
	}
});

test("Message → Send answered 2xx with coreplus' refusal body fails with coreplus' reason", async () => {
	const { emulator } = env;
	emulator.injectFault({
		kind: 'status',
		method: 'POST',
		path: 'message',
		status: 200,
		reason: 'Sending facility is not enabled',
	});
	const result = await sendOne();
	expect(result.error?.message).toBe(
		'coreplus refused POST Message/ (answered as a success): Sending facility is not enabled',
	);
	expect(emulator.apiRequests('message')).toHaveLength(1);
});

test.each([writes[1], writes[2]])(
	'%s answered 2xx without a readable record: made, id unknown, with what to check; sent once',
	async (_name, path, _variant, parameters, idField) => {
		const { emulator } = env;
		emulator.envelopes.set({ path, method: 'POST', variant: 'empty' });
		const result = await runCoreplus(emulator, parameters as never);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))).toEqual([
			expect.objectContaining({ made: true, idUnknown: true, [idField]: null, response: {} }),
		]);
		expect(emulator.apiRequests(path).filter((r) => r.method === 'POST')).toHaveLength(1);
	},
);
