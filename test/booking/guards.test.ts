import { DateTime } from 'luxon';

import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { CoreplusEmulator } from '../../emulator/server';
import type { Row } from '../../emulator/data';
import { book } from '../../emulator/mutations';
import { seeded } from './fixtures';

/**
 * Guarded writes act only for a proven client: a guard added but blank refuses before anything is
 * read, a group appointment is never "mine", and the past stays as it was.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

const SYDNEY = 'Australia/Sydney';

function booked(emulator: CoreplusEmulator, start: DateTime, extra: Partial<Row> = {}) {
	const { sydney, aisha, client } = seeded(emulator);
	const row = book(emulator.data, {
		start,
		minutes: 30,
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
	Object.assign(row, extra);
	return row;
}

const future = () => DateTime.fromISO('2037-05-20T09:00', { zone: SYDNEY });

type Operation = 'cancel' | 'reschedule';

/** Cancel or Reschedule (to 2037-05-22 14:00) with the options set in the collection each one has. */
function change(
	emulator: CoreplusEmulator,
	operation: Operation,
	appointmentId: unknown,
	options: Record<string, unknown> = {},
	start = '2037-05-22T14:00',
) {
	const parameters =
		operation === 'cancel' ? { options } : { start, additionalFields: options, simplify: false };
	return runCoreplus(emulator, {
		resource: 'appointment',
		operation,
		appointmentId,
		simplify: false,
		requestOptions: { retryDelayMs: 0 },
		...parameters,
	} as never);
}

const posts = (emulator: CoreplusEmulator) =>
	emulator.apiRequests().filter((request) => request.method === 'POST');

describe.each<Operation>(['cancel', 'reschedule'])('%s', (operation) => {
	test.each([
		['empty', ''],
		['spaces', '   '],
		['an expression resolving to nothing', '={{ $json.missing }}'],
		['an expression resolving to null', '={{ null }}'],
	])(
		'Only For Client ID added but %s refuses before anything is read',
		async (_, onlyForClientId) => {
			const { emulator } = env;
			const appointment = booked(emulator, future());
			const result = await change(emulator, operation, appointment.appointmentId, {
				onlyForClientId,
			});
			expect(result.error?.message).toBe(
				'Invalid "Only For Client ID" in item 0: a value is required',
			);
			expect(emulator.apiRequests()).toHaveLength(0);
		},
	);

	test('a group appointment (another client and mine) is refused for "mine"', async () => {
		const { emulator } = env;
		const { client, otherClient } = seeded(emulator);
		const appointment = booked(emulator, future(), {
			clients: [{ clientId: otherClient.clientId }, { clientId: client.clientId }],
		});
		const result = await change(emulator, operation, appointment.appointmentId, {
			onlyForClientId: client.clientId,
		});
		expect(result.error?.message).toBe(
			`Appointment ${String(appointment.appointmentId)} is not an appointment of client ${String(client.clientId)} alone; nothing was changed`,
		);
		expect(posts(emulator)).toHaveLength(0);
		expect(appointment.status).toBe('Booked');
	});

	test('an appointment that has started is left as it was, unless Allow Changes to the Past', async () => {
		const { emulator } = env;
		const appointment = booked(emulator, DateTime.fromISO('2020-03-02T09:00', { zone: SYDNEY }));
		const refused = await change(emulator, operation, appointment.appointmentId);
		expect(refused.error?.message).toBe(
			`Appointment ${String(appointment.appointmentId)} started at 2020-03-02T09:00:00 +11:00, in the past, and is not ${operation === 'cancel' ? 'cancelled' : 'moved'}`,
		);
		expect(refused.error?.description).toMatch(/turn on Allow Changes to the Past/);
		expect(posts(emulator)).toHaveLength(0);
		const allowed = await change(emulator, operation, appointment.appointmentId, {
			allowChangesToPast: true,
		});
		expect(allowed.error).toBeUndefined();
		expect(posts(emulator)).toHaveLength(1);
	});

	test.each(['Attended', 'Did Not Arrive'])(
		'an appointment marked %s is history, whatever its start',
		async (status) => {
			const { emulator } = env;
			const appointment = booked(emulator, future(), { status });
			const result = await change(emulator, operation, appointment.appointmentId);
			expect(result.error?.message).toBe(
				`Appointment ${String(appointment.appointmentId)} is marked "${status}" and is not ${operation === 'cancel' ? 'cancelled' : 'moved'}: it records what happened`,
			);
			expect(posts(emulator)).toHaveLength(0);
		},
	);
});

test('an offset-less start is read in the location zone: an hour ago in Sydney has started', async () => {
	const { emulator } = env;
	// Read in the n8n host's zone (UTC here), this wall-clock time would be hours ahead.
	const hourAgo = DateTime.now().setZone(SYDNEY).minus({ hours: 1 }).startOf('minute');
	const appointment = booked(emulator, hourAgo, {
		startDateTime: hourAgo.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
	});
	const result = await change(emulator, 'cancel', appointment.appointmentId);
	expect(result.error?.message).toMatch(/in the past, and is not cancelled$/);
	expect(posts(emulator)).toHaveLength(0);
});

test('Reschedule refuses a new start in the past before sending anything', async () => {
	const { emulator } = env;
	const appointment = booked(emulator, future());
	const result = await change(
		emulator,
		'reschedule',
		appointment.appointmentId,
		{},
		'2021-06-01T10:00',
	);
	expect(result.error?.message).toBe(
		'The new start 2021-06-01 10:00 +10:00 is in the past; the appointment is not moved there',
	);
	expect(posts(emulator)).toHaveLength(0);
	expect(appointment.startDateTime).toBe('2037-05-20T09:00:00 +10:00');
});
