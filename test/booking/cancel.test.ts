import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { CoreplusEmulator } from '../../emulator/server';
import { routes } from '../../emulator/routes';
import { book } from '../../emulator/mutations';
import { seeded } from './fixtures';

/** Appointment → Cancel, as coreplus' public clients send it (docs/coreplus-api.md#appointment-cancel). */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
	env.emulator.data.cancelledInList = undefined;
});

function booked(emulator: CoreplusEmulator) {
	const { sydney, aisha, client } = seeded(emulator);
	return book(emulator.data, {
		start: DateTime.fromISO('2037-05-20T09:00', { zone: 'Australia/Sydney' }),
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
}

function cancel(
	emulator: CoreplusEmulator,
	appointmentId: unknown,
	extra: Record<string, unknown> = {},
) {
	return runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'cancel',
		appointmentId,
		simplify: false,
		requestOptions: { retryDelayMs: 0 },
		...extra,
	} as never);
}

const posts = (emulator: CoreplusEmulator) =>
	emulator.apiRequests().filter((request) => request.method === 'POST');

test('cancels with POST Appointment/ { deleted: "true", appointmentId } by default, confirmed by reading back', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const result = await cancel(emulator, appointment.appointmentId);
	expect(result.error).toBeUndefined();
	const [sent] = posts(emulator);
	expect(posts(emulator)).toHaveLength(1);
	expect(sent.json).toEqual({ deleted: 'true', appointmentId: appointment.appointmentId });
	expect(sent.claims).toMatchObject({
		httpMethod: 'POST',
		url: `${emulator.url}/API/Core/v2/Appointment/`,
	});
	// Read first, then the cancel, then the read-back.
	expect(emulator.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
		`GET Appointment/${appointment.appointmentId}/`,
		'POST Appointment/',
		`GET Appointment/${appointment.appointmentId}/`,
	]);
	expect(jsonOf(result.output('coreplus'))).toEqual([
		expect.objectContaining({ appointmentId: appointment.appointmentId, status: 'Cancelled' }),
	]);
	expect(jsonOf(result.output('coreplus'))[0]).not.toHaveProperty('alreadyCancelled');
	expect(emulator.data.appointments[0].status).toBe('Cancelled');
});

test('the other evidenced form: POST Appointment/{id}/ { deleted: true }', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const result = await cancel(emulator, appointment.appointmentId, {
		options: { cancelForm: 'idInPath' },
	});
	expect(result.error).toBeUndefined();
	expect(posts(emulator).map((r) => [r.path, r.json])).toEqual([
		[`Appointment/${appointment.appointmentId}/`, { deleted: true }],
	]);
	expect(posts(emulator)[0].claims?.url).toBe(
		`${emulator.url}/API/Core/v2/Appointment/${appointment.appointmentId}/`,
	);
	expect(emulator.data.appointments[0].status).toBe('Cancelled');
});

test('an appointment already cancelled is alreadyCancelled: true, and nothing is sent', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	appointment.status = 'Cancelled - late notice';
	const result = await cancel(emulator, appointment.appointmentId, { simplify: true });
	expect(result.error).toBeUndefined();
	expect(posts(emulator)).toHaveLength(0);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		appointmentId: appointment.appointmentId,
		status: 'Cancelled - late notice',
		startLocal: '2037-05-20 09:00',
		practitionerName: 'Dr Aisha Rahman',
		alreadyCancelled: true,
	});
});

test('an unknown appointment id is a clear error naming it; nothing is sent', async () => {
	const { emulator } = env;
	const result = await cancel(emulator, 'a1b2c3d4-0000-4000-8000-000000000000');
	expect(result.error?.message).toBe(
		'coreplus has no appointment with ID a1b2c3d4-0000-4000-8000-000000000000',
	);
	expect(posts(emulator)).toHaveLength(0);
});

test('a lost answer is resolved by reading back: cancelled, so not sent again', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
	const result = await cancel(emulator, appointment.appointmentId);
	expect(result.error).toBeUndefined();
	expect(posts(emulator)).toHaveLength(1);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		status: 'Cancelled',
		recoveredAfterLostResponse: true,
	});
});

test('a request lost before coreplus acted: the read-back proves it, then it is sent once more', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'appointment' });
	const result = await cancel(emulator, appointment.appointmentId);
	expect(result.error).toBeUndefined();
	expect(
		emulator.requests.filter((r) => !r.overRateLimit).map((r) => `${r.method} ${r.status}`),
	).toEqual([
		'GET 200',
		'POST 0', // reset before coreplus acted
		'GET 200', // still not cancelled
		'POST 200',
		'GET 200',
	]);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		status: 'Cancelled',
		resentAfterLostResponse: true,
	});
});

test('a lost answer whose read-back fails too: the outcome is unknown, with what to check; never re-sent', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
	emulator.injectFault({
		kind: 'status',
		method: 'GET',
		path: 'appointment',
		status: 503,
		skip: 1,
		times: 10,
	});
	const result = await cancel(emulator, appointment.appointmentId);
	expect(result.error?.message).toMatch(
		new RegExp(
			`^The cancel of appointment ${String(appointment.appointmentId)} has an unknown outcome: its answer was lost and reading the appointment back failed`,
		),
	);
	expect(result.error?.description).toMatch(/Running the node again is safe/);
	expect(posts(emulator)).toHaveLength(1);
});

test('the list keeps a cancelled appointment with its status by default; switched, it leaves it out', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	expect((await cancel(emulator, appointment.appointmentId)).error).toBeUndefined();
	const { sydney } = seeded(emulator);
	const list = () =>
		runCoreplus(emulator, {
			resource: 'appointment',
			operation: 'getMany',
			timeZoneSource: 'location',
			timeZoneLocationId: String(sydney.locationId),
			startDate: '2037-05-20',
			endDate: '2037-05-20',
			returnAll: true,
			simplify: false,
		} as never);
	expect(jsonOf((await list()).output('coreplus'))).toEqual([
		expect.objectContaining({ appointmentId: appointment.appointmentId, status: 'Cancelled' }),
	]);
	emulator.data.cancelledInList = 'hidden';
	expect(jsonOf((await list()).output('coreplus'))).toEqual([]);
});

test("Only For Client ID: another client's appointment is refused before any write", async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	const { client, otherClient } = seeded(emulator);
	const refused = await cancel(emulator, appointment.appointmentId, {
		options: { onlyForClientId: otherClient.clientId },
	});
	expect(refused.error?.message).toBe(
		`Appointment ${String(appointment.appointmentId)} is not an appointment of client ${String(otherClient.clientId)} alone; nothing was changed`,
	);
	expect(posts(emulator)).toHaveLength(0);
	const allowed = await cancel(emulator, appointment.appointmentId, {
		options: { onlyForClientId: client.clientId },
	});
	expect(allowed.error).toBeUndefined();
	expect(emulator.data.appointments[0].status).toBe('Cancelled');
});

test('a 2xx whose read-back fails stays a success, with readBackFailed and a notice, not an error inviting a re-send', async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({
		kind: 'status',
		method: 'GET',
		path: 'appointment',
		status: 503,
		skip: 1,
		times: 10,
	});
	const result = await cancel(emulator, appointment.appointmentId);
	expect(result.error).toBeUndefined();
	expect(posts(emulator)).toHaveLength(1);
	const [item] = jsonOf(result.output('coreplus'));
	expect(item).toMatchObject({ appointmentId: appointment.appointmentId, status: 'Cancelled' });
	expect(item.readBackFailed).toMatch(/HTTP 503/);
	const hints = result.run.data.resultData.runData.coreplus[0].hints ?? [];
	expect(hints.map((hint) => hint.message)).toEqual([
		expect.stringMatching(
			/^coreplus accepted the cancel of appointment .* but reading it back to confirm failed/,
		),
	]);
});

test('a 2xx that did not cancel (the read-back says so) is an error, and the cancel is not sent again', async () => {
	const ignoring = {
		method: 'POST' as const,
		pattern: 'appointment',
		permission: 'CREATE_APPOINTMENT' as const,
		deniedReason: 'Not authorized',
		handle: () => ({ body: { appointment: {} } }),
	};
	const emulator = await new CoreplusEmulator({ routes: [ignoring, ...routes] }).start();
	try {
		const appointment = booked(emulator);
		const result = await cancel(emulator, appointment.appointmentId);
		expect(result.error?.message).toBe(
			`coreplus accepted the cancel of appointment ${String(appointment.appointmentId)}, but reading it back shows it unchanged`,
		);
		expect(result.error?.description).toMatch(/It was not sent again/);
		expect(posts(emulator)).toHaveLength(1);
	} finally {
		await emulator.stop();
	}
});

test('a server that removes a cancelled appointment (404 on the read-back) counts as cancelled: removedByCoreplus', async () => {
	const removing = {
		method: 'POST' as const,
		pattern: 'appointment',
		permission: 'CREATE_APPOINTMENT' as const,
		deniedReason: 'Not authorized',
		handle: ({ data, json }: { data: CoreplusEmulator['data']; json: unknown }) => {
			const id = (json as { appointmentId?: string }).appointmentId;
			const index = data.appointments.findIndex((row) => row.appointmentId === id);
			const [removed] = data.appointments.splice(index, 1);
			return { body: { appointment: removed } };
		},
	};
	const emulator = await new CoreplusEmulator({ routes: [removing, ...routes] }).start();
	try {
		const appointment = booked(emulator);
		const result = await cancel(emulator, appointment.appointmentId, { simplify: true });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			appointmentId: appointment.appointmentId,
			removedByCoreplus: true,
		});
		expect(posts(emulator)).toHaveLength(1);
	} finally {
		await emulator.stop();
	}
});

test("a refusal answered as a success (coreplus' result[] at 200) fails with coreplus' reason and is not sent again", async () => {
	const { emulator } = env;
	const appointment = booked(emulator);
	emulator.injectFault({
		kind: 'status',
		method: 'POST',
		path: 'appointment',
		status: 200,
		reason: 'Appointment cannot be cancelled: it has been invoiced',
	});
	const result = await cancel(emulator, appointment.appointmentId);
	expect(result.error?.message).toMatch(/Appointment cannot be cancelled: it has been invoiced/);
	expect(posts(emulator)).toHaveLength(1);
	expect(emulator.data.appointments[0].status).not.toBe('Cancelled');
});
