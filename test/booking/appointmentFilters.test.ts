import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { CoreplusEmulator } from '../../emulator/server';
import type { Row } from '../../emulator/data';
import { book } from '../../emulator/mutations';
import { seeded } from './fixtures';

/**
 * Appointment → Get Many's filters (client, patient, status, practitioner, location): coreplus'
 * list takes only the range, so the node filters the appointments of the range it read.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

function diary(emulator: CoreplusEmulator) {
	const { sydney, melbourne, aisha, bella, client, otherClient } = seeded(emulator);
	const at = (day: string, extra: Partial<Row>, where = sydney, who = aisha, clientId = client) =>
		Object.assign(
			book(emulator.data, {
				start: DateTime.fromISO(`${day}T09:00`, { zone: 'Australia/Sydney' }),
				locationId: String(where.locationId),
				practitionerId: String(who.practitionerId),
				clientId: String(clientId.clientId),
			}),
			extra,
		);
	return {
		mine: at('2037-05-18', {}),
		theirs: at('2037-05-18', {}, sydney, bella, otherClient),
		cancelled: at('2037-05-19', { status: 'Cancelled' }),
		attended: at('2037-05-20', { status: 'Attended' }),
		melbourne: at('2037-05-21', {}, melbourne, bella),
		group: at('2037-05-22', {
			clients: [{ clientId: otherClient.clientId }, { clientId: client.clientId }],
		}),
	};
}

function list(emulator: CoreplusEmulator, filters: Record<string, unknown>, extra = {}) {
	return runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'getMany',
		timeZoneSource: 'location',
		timeZoneLocationId: String(seeded(emulator).sydney.locationId),
		startDate: '2037-05-18',
		endDate: '2037-05-24',
		returnAll: true,
		filters,
		...extra,
	} as never);
}

async function ids(emulator: CoreplusEmulator, filters: Record<string, unknown>, extra = {}) {
	const result = await list(emulator, filters, extra);
	expect(result.error).toBeUndefined();
	return jsonOf(result.output('coreplus')).map((item) => item.appointmentId);
}

test('each filter keeps its appointments of the range, in coreplus order', async () => {
	const { emulator } = env;
	const rows = diary(emulator);
	const { client, aisha, melbourne } = seeded(emulator);
	expect(await ids(emulator, { clientId: client.clientId })).toEqual(
		[rows.mine, rows.cancelled, rows.attended, rows.melbourne, rows.group].map(
			(row) => row.appointmentId,
		),
	);
	expect(await ids(emulator, { statuses: 'attended, Cancelled' })).toEqual([
		rows.cancelled.appointmentId,
		rows.attended.appointmentId,
	]);
	expect(
		await ids(emulator, { excludeCancelled: true, practitionerIds: [aisha.practitionerId] }),
	).toEqual([rows.mine, rows.attended, rows.group].map((row) => row.appointmentId));
	expect(await ids(emulator, { locationIds: String(melbourne.locationId) })).toEqual([
		rows.melbourne.appointmentId,
	]);
	// Only the range was asked of coreplus, never a filter it does not document.
	for (const request of emulator.apiRequests().filter((r) => /^Appointment/i.test(r.path)))
		expect([...new Set(request.query.keys())].sort()).toEqual(
			['endDate', 'pageNumber', 'pageSize', 'startDate', 'timezoneId'].sort(),
		);
});

test('Only For Patient keeps the patient’s own appointments alone, not a group appointment', async () => {
	const { emulator } = env;
	const rows = diary(emulator);
	const { client } = seeded(emulator);
	const patient = {
		firstName: client.firstName,
		lastName: client.lastName,
		dateOfBirth: String(client.dateOfBirth).slice(0, 10),
	};
	expect(await ids(emulator, { onlyForPatient: { patient }, excludeCancelled: true })).toEqual(
		[rows.mine, rows.attended, rows.melbourne].map((row) => row.appointmentId),
	);
	// Someone whose details match nobody gets nothing, not an error that says more.
	expect(
		await ids(emulator, { onlyForPatient: { patient: { ...patient, dateOfBirth: '1901-01-01' } } }),
	).toEqual([]);
});

test('Limit counts the appointments kept, not those listed', async () => {
	const { emulator } = env;
	const rows = diary(emulator);
	expect(await ids(emulator, { statuses: 'Booked' }, { returnAll: false, limit: 2 })).toEqual([
		rows.mine.appointmentId,
		rows.theirs.appointmentId,
	]);
	expect(await ids(emulator, { statuses: 'Attended' }, { returnAll: false, limit: 1 })).toEqual([
		rows.attended.appointmentId,
	]);
});

test('a patient filter added but blank is refused before any request', async () => {
	const { emulator } = env;
	diary(emulator);
	const result = await list(emulator, {
		onlyForPatient: {
			patient: { firstName: 'A', lastName: 'B', dateOfBirth: '={{ $json.none }}' },
		},
	});
	expect(result.error?.message).toBe(
		'Invalid "Only For Patient → Date of Birth" in item 0: a value is required',
	);
	expect(emulator.apiRequests()).toHaveLength(0);
});
