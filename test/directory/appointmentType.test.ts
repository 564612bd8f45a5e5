import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator();

test('Practitioner → Get Many lists every practitioner from GET Practitioner/', async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'practitioner',
		operation: 'getMany',
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toEqual(emulator.data.practitioners);
	const [received] = emulator.apiRequests('practitioner');
	expect(received.path).toBe('Practitioner/');
	expect(received.query.toString()).toBe('pageNumber=1&pageSize=100');
});

test('Appointment Type → Get Many honours the limit', async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'appointmentType',
		operation: 'getMany',
		returnAll: false,
		limit: 2,
	});
	expect(jsonOf(result.output('coreplus'))).toEqual(emulator.data.appointmentTypes.slice(0, 2));
	const [received] = emulator.apiRequests('appointmenttype');
	expect(received.path).toBe('AppointmentType/');
	expect(received.query.toString()).toBe('pageNumber=1&pageSize=2');
});

test('Appointment Type → Create sends the duration as a string and the colour without #', async () => {
	const { emulator } = env;
	const practitionerId = String(emulator.data.practitioners[1].practitionerId);
	const locationId = String(emulator.data.locations[2].locationId);
	const result = await runCoreplus(emulator, {
		resource: 'appointmentType',
		operation: 'create',
		description: 'Hydrotherapy',
		durationMinutes: 45,
		blockColour: '#ff0000',
		additionalFields: { practitionerId, locationId, clientGroupId: 'group-7' },
	});
	expect(result.error).toBeUndefined();
	const [received] = emulator.apiRequests('appointmenttype');
	expect(received.method).toBe('POST');
	expect(received.path).toBe('appointmenttype/');
	expect(received.json).toEqual({
		description: 'Hydrotherapy',
		durationMinutes: '45',
		blockColour: 'FF0000',
		practitionerId,
		locationId,
		clientGroupId: 'group-7',
	});
	const stored = emulator.data.appointmentTypes.at(-1)!;
	expect(jsonOf(result.output('coreplus'))).toEqual([
		{ appointmentTypeId: stored.appointmentTypeId, description: 'Hydrotherapy' },
	]);
});

test('Appointment Type → Create with only a description sends the default duration and no colour', async () => {
	const { emulator } = env;
	await runCoreplus(emulator, {
		resource: 'appointmentType',
		operation: 'create',
		description: 'Check-in',
	});
	expect(emulator.apiRequests('appointmenttype')[0].rawBody.toString()).toBe(
		'{"description":"Check-in","durationMinutes":"30"}',
	);
});
