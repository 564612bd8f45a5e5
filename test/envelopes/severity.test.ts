import { DateTime } from 'luxon';

import { INFORMATIONAL_REASON, REFUSAL_REASON } from '../../emulator/envelopes';
import { book } from '../../emulator/mutations';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { itemWith, PDF, storedMessages } from '../support/messageFixtures';
import { seeded } from '../booking/fixtures';
import { hintsOf } from './helpers';

/**
 * coreplus' `result[]` by severity: an entry of severity 2 or more (or none) in an answer without
 * data is a refusal; severity 0/1 entries are information, shown as a notice and never a failure;
 * a non-empty list is data. Cancel and Reschedule read the appointment back before reporting a
 * refusal: an applied change is a success.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.envelopes.clear();
	env.emulator.shapes.reset();
	env.emulator.data.messages.length = 0;
	env.emulator.data.appointments.length = 0;
});

const note = (what: string) => `coreplus answered ${what} with a note: ${INFORMATIONAL_REASON}`;
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };

test.each(['informationalOnly', 'informational'] as const)(
	'Message answered with an informational result[] (%s) is stored once and does not fail, even with Retry On Fail',
	async (variant) => {
		const { emulator } = env;
		emulator.shapes.set({ messageAnswer: 'statusOnly' });
		emulator.envelopes.set({ path: 'message', method: 'POST', variant });
		const result = await runCoreplus(
			emulator,
			{ resource: 'message', operation: 'send', sendingFacility: 'Referral inbox (n8n)' },
			{ input: [itemWith({ data: PDF })], nodeExtra: RETRY },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			sentFiles: [expect.objectContaining({ fileName: PDF.fileName })],
		});
		expect(hintsOf(result)).toEqual([note('POST Message/')]);
		expect(storedMessages(emulator)).toHaveLength(1);
		expect(emulator.apiRequests('message')).toHaveLength(1);
	},
);

test('a location page with rows and an informational entry is read whole, with a notice', async () => {
	const { emulator } = env;
	emulator.envelopes.set({ path: 'location', method: 'GET', variant: 'informational' });
	const result = await runCoreplus(emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(result.output('coreplus')).toHaveLength(emulator.data.locations.length);
	expect(hintsOf(result)).toEqual([note('GET Location/')]);
});

function bookedInSydney() {
	const { sydney, aisha, client } = seeded(env.emulator);
	return book(env.emulator.data, {
		start: DateTime.fromISO('2037-05-20T09:00', { zone: 'Australia/Sydney' }),
		minutes: 45,
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
}

const appointmentPosts = () =>
	env.emulator.apiRequests().filter((request) => request.method === 'POST');

test('Reschedule answered only with a severity-0 entry: confirmed by reading back, a success with a notice', async () => {
	const appointment = bookedInSydney();
	env.emulator.envelopes.set({
		path: 'appointment/*',
		method: 'POST',
		variant: 'informationalOnly',
	});
	const result = await runCoreplus(env.emulator, {
		resource: 'appointment',
		operation: 'reschedule',
		appointmentId: String(appointment.appointmentId),
		start: '2037-05-22T14:00',
		requestOptions: { retryDelayMs: 0 },
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({ startLocal: '2037-05-22 14:00' });
	expect(hintsOf(result)).toEqual([note(`POST Appointment/${String(appointment.appointmentId)}/`)]);
	expect(appointmentPosts()).toHaveLength(1);
});

test.each([
	['reschedule', { start: '2037-05-22T14:00' }],
	['cancel', {}],
] as const)(
	'%s answered with a severity-2 refusal though coreplus applied it: read back, a success',
	async (operation, extra) => {
		const appointment = bookedInSydney();
		// Both cancel forms: `POST Appointment/` with the id in the body, and by id in the path.
		for (const path of ['appointment', 'appointment/*'])
			env.emulator.envelopes.set({ path, method: 'POST', variant: 'refusalOnly' });
		const result = await runCoreplus(env.emulator, {
			resource: 'appointment',
			operation,
			appointmentId: String(appointment.appointmentId),
			requestOptions: { retryDelayMs: 0 },
			...extra,
		});
		expect(result.error).toBeUndefined();
		expect(hintsOf(result)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^coreplus answered the ${operation} of appointment \\S+ with a refusal \\(.*${REFUSAL_REASON}.*\\), but reading it back shows it applied$`,
				),
			),
		]);
		expect(appointmentPosts()).toHaveLength(1);
	},
);
