import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { CoreplusEmulator } from '../../emulator/server';
import type { Row } from '../../emulator/data';
import { book } from '../../emulator/mutations';
import { seeded } from './fixtures';

/**
 * Only For Patient: Get, Cancel and Reschedule act on an appointment only for the patient who
 * proved who they are (name and date of birth, checked against coreplus' client record in the same
 * run), and refuse anyone else alike, without saying whose the appointment is.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

function booked(emulator: CoreplusEmulator, clientId: unknown, extra: Partial<Row> = {}) {
	const { sydney, aisha } = seeded(emulator);
	const row = book(emulator.data, {
		start: DateTime.fromISO('2037-05-20T09:00', { zone: 'Australia/Sydney' }),
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(clientId),
	});
	return Object.assign(row, extra);
}

/** What a caller says: the client's names (in another case) and date of birth as yyyy-mm-dd. */
function says(client: Row) {
	return {
		patient: {
			firstName: String(client.firstName).toUpperCase(),
			lastName: String(client.lastName).toLowerCase(),
			dateOfBirth: String(client.dateOfBirth).slice(0, 10),
		},
	};
}

type Operation = 'get' | 'cancel' | 'reschedule';
const COLLECTION: Record<Operation, string> = {
	get: 'options',
	cancel: 'options',
	reschedule: 'additionalFields',
};
const DONE: Record<Operation, string> = {
	get: 'read out',
	cancel: 'changed',
	reschedule: 'changed',
};

function run(
	emulator: CoreplusEmulator,
	operation: Operation,
	appointmentId: unknown,
	onlyForPatient: unknown,
) {
	return runCoreplus(emulator, {
		resource: 'appointment',
		operation,
		appointmentId,
		...(operation === 'reschedule' ? { start: '2037-05-22T14:00' } : {}),
		[COLLECTION[operation]]: { onlyForPatient },
		simplify: false,
		requestOptions: { retryDelayMs: 0 },
	} as never);
}

const posts = (emulator: CoreplusEmulator) =>
	emulator.apiRequests().filter((request) => request.method === 'POST');

const refusal = (appointmentId: unknown, operation: Operation) =>
	`Appointment ${String(appointmentId)} is not an appointment of the patient given; nothing was ${DONE[operation]}`;

describe.each<Operation>(['get', 'cancel', 'reschedule'])('%s', (operation) => {
	test("another patient's appointment ID is refused alike, saying nothing of whose it is", async () => {
		const { emulator } = env;
		const { client, otherClient } = seeded(emulator);
		const theirs = booked(emulator, otherClient.clientId);
		const result = await run(emulator, operation, theirs.appointmentId, says(client));
		expect(result.error?.message).toBe(refusal(theirs.appointmentId, operation));
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(
			new RegExp(`${String(otherClient.lastName)}|${String(otherClient.clientId)}`, 'i'),
		);
		expect(posts(emulator)).toHaveLength(0);
		expect(theirs.status).toBe('Booked');
		// An unknown ID gets the same answer: existence is not disclosed either.
		const unknown = await run(emulator, operation, 'no-such-appointment', says(client));
		expect(unknown.error?.message).toBe(refusal('no-such-appointment', operation));
	});

	test("the patient's own appointment is acted on; the client record is read once to prove it", async () => {
		const { emulator } = env;
		const { client } = seeded(emulator);
		const mine = booked(emulator, client.clientId);
		const result = await run(emulator, operation, mine.appointmentId, says(client));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			appointmentId: mine.appointmentId,
		});
		const clientReads = emulator
			.apiRequests()
			.filter((request) => request.method === 'GET' && /^Client\//i.test(request.path));
		expect(clientReads.map((request) => request.path)).toEqual([
			`Client/${String(client.clientId)}`,
		]);
		expect(posts(emulator)).toHaveLength(operation === 'get' ? 0 : 1);
	});

	test('a group appointment with the patient and someone else is refused', async () => {
		const { emulator } = env;
		const { client, otherClient } = seeded(emulator);
		const group = booked(emulator, client.clientId, {
			clients: [{ clientId: otherClient.clientId }, { clientId: client.clientId }],
		});
		const result = await run(emulator, operation, group.appointmentId, says(client));
		expect(result.error?.message).toBe(refusal(group.appointmentId, operation));
		expect(posts(emulator)).toHaveLength(0);
	});

	test('a wrong date of birth is refused', async () => {
		const { emulator } = env;
		const { client } = seeded(emulator);
		const mine = booked(emulator, client.clientId);
		const wrong = says(client);
		wrong.patient.dateOfBirth = '1901-01-01';
		const result = await run(emulator, operation, mine.appointmentId, wrong);
		expect(result.error?.message).toBe(refusal(mine.appointmentId, operation));
	});

	test.each([
		['no patient given', {}, 'Only For Patient', 'no patient is given'],
		[
			'a blank last name',
			{ patient: { firstName: 'A', lastName: ' ', dateOfBirth: '1984-05-07' } },
			'Only For Patient → Last Name',
			'a value is required',
		],
		[
			'a last name resolving to nothing',
			{ patient: { firstName: 'A', lastName: '={{ $json.missing }}', dateOfBirth: '1984-05-07' } },
			'Only For Patient → Last Name',
			'a value is required',
		],
		[
			'an empty date of birth',
			{ patient: { firstName: 'A', lastName: 'B', dateOfBirth: '' } },
			'Only For Patient → Date of Birth',
			'a value is required',
		],
	])(
		'added but with %s: refused before anything is read',
		async (_, onlyForPatient, label, problem) => {
			const { emulator } = env;
			const { client } = seeded(emulator);
			const mine = booked(emulator, client.clientId);
			const result = await run(emulator, operation, mine.appointmentId, onlyForPatient);
			expect(result.error?.message).toBe(`Invalid "${label}" in item 0: ${problem}`);
			expect(emulator.apiRequests()).toHaveLength(0);
		},
	);
});
