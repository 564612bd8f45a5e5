import { jsonOf } from '../../harness/engine';
import { hintsOf } from '../envelopes/helpers';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { bookParameters, seeded } from './fixtures';

/**
 * Simplify (on by default) gives flat items with ids and names and
 * local and ISO times; names come from lists read once per execution. Off gives coreplus' record.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

// Answered requests (a rare 429 from the shared machine's timing is retried and not counted).
const gets = (path: string) =>
	env.emulator.apiRequests(path).filter((r) => r.method === 'GET' && r.status !== 429).length;

/** Books Dr Aisha Rahman at the Sydney clinic for the seeded client. */
async function bookWithAisha(times: Record<string, unknown>) {
	const { sydney, aisha, client } = seeded(env.emulator);
	const ids = {
		practitionerId: aisha.practitionerId,
		locationId: sydney.locationId,
		clientId: client.clientId,
	};
	return await runCoreplus(env.emulator, bookParameters(ids, times));
}

test('slots, simplified: names of practitioner, location and type, Sydney wall-clock and ISO times; each list read once', async () => {
	const { emulator } = env;
	const { sydney, melbourne, aisha, standard30 } = seeded(emulator);
	const result = await runCoreplus(emulator, {
		resource: 'availabilitySlot',
		operation: 'getMany',
		startDate: '2026-04-06',
		endDate: '2026-04-07',
		timeZoneSource: 'location',
		timeZoneLocationId: melbourne.locationId,
		appointmentTypeId: standard30.appointmentTypeId,
		filters: { practitionerIds: [aisha.practitionerId], locationIds: [sydney.locationId] },
		returnAll: true,
	} as never);
	expect(result.error).toBeUndefined();
	const slots = jsonOf(result.output('coreplus'));
	expect(slots.length).toBeGreaterThan(2);
	expect(slots[0]).toEqual({
		startLocal: '2026-04-06 09:00',
		endLocal: '2026-04-06 09:30',
		start: '2026-04-06T09:00:00+10:00',
		end: '2026-04-06T09:30:00+10:00',
		timeZone: 'Australia/Sydney',
		practitionerId: aisha.practitionerId,
		practitionerName: 'Dr Aisha Rahman',
		locationId: sydney.locationId,
		locationName: 'Sydney CBD Clinic',
		appointmentTypeId: standard30.appointmentTypeId,
		appointmentTypeName: 'Standard Consultation',
	});
	// Location list shared by the time-zone look-up and the names; one read of each list.
	expect([gets('location'), gets('practitioner'), gets('appointmenttype')]).toEqual([1, 1, 1]);
});

test('Book, then Get and Get Many, simplified: client and practitioner names, one read of each list per execution', async () => {
	const { emulator } = env;
	const { sydney, aisha, client, initial60 } = seeded(emulator);
	const ids = {
		practitionerId: aisha.practitionerId,
		locationId: sydney.locationId,
		clientId: client.clientId,
	};
	const booked = await runCoreplus(
		emulator,
		bookParameters(ids, {
			start: '={{ $json.start }}',
			appointmentTypeId: initial60.appointmentTypeId,
			additionalFields: { subject: 'First visit' },
		}),
		{
			input: [{ json: { start: '2026-05-11T10:00' } }, { json: { start: '2026-05-11T11:00' } }],
		},
	);
	expect(booked.error).toBeUndefined();
	const [first] = jsonOf(booked.output('coreplus'));
	// The two bookings overlap in flight: find the one made for the first item by its start.
	const made = emulator.data.appointments.find((a) =>
		String(a.startDateTime).startsWith('2026-05-11T10:00'),
	)!;
	const expected = {
		appointmentId: made.appointmentId,
		referenceNumber: made.appointmentReferenceNumber,
		status: 'Booked',
		startLocal: '2026-05-11 10:00',
		endLocal: '2026-05-11 11:00',
		start: '2026-05-11T10:00:00+10:00',
		end: '2026-05-11T11:00:00+10:00',
		timeZone: 'Australia/Sydney',
		practitionerId: aisha.practitionerId,
		practitionerName: 'Dr Aisha Rahman',
		locationId: sydney.locationId,
		locationName: 'Sydney CBD Clinic',
		appointmentTypeId: initial60.appointmentTypeId,
		appointmentTypeName: 'Initial Consultation',
		clientId: client.clientId,
		clientName: `${String(client.firstName)} ${String(client.lastName)}`,
		subject: 'First visit',
		notes: '',
	};
	expect(first).toEqual(expected);
	expect([gets('location'), gets('practitioner'), gets('appointmenttype'), gets('client')]).toEqual(
		[1, 1, 1, Math.ceil(emulator.data.clients.length / 100)],
	);

	const got = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'get',
		appointmentId: String(first.appointmentId),
	});
	expect(jsonOf(got.output('coreplus'))).toEqual([expected]);

	const listed = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'getMany',
		startDate: '2026-05-11',
		endDate: '2026-05-11',
		timeZoneSource: 'location',
		timeZoneLocationId: sydney.locationId,
		returnAll: true,
	} as never);
	expect(jsonOf(listed.output('coreplus'))).toEqual([
		expected,
		expect.objectContaining({ startLocal: '2026-05-11 11:00' }),
	]);

	// Simplify off: coreplus' record as before.
	const raw = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'get',
		appointmentId: String(first.appointmentId),
		simplify: false,
	});
	expect(jsonOf(raw.output('coreplus'))[0]).toMatchObject({
		startDateTime: '2026-05-11T10:00:00 +10:00',
		practitioner: { practitionerId: aisha.practitionerId },
		clients: [{ clientId: client.clientId }],
	});
});

test('a made booking is never reported as failed because a name look-up failed', async () => {
	const { emulator } = env;
	emulator.injectFault({
		kind: 'status',
		method: 'GET',
		path: 'practitioner',
		status: 500,
		times: 20,
	});
	const booked = await bookWithAisha({
		start: '2026-05-12T10:00',
		end: '2026-05-12T10:30',
		requestOptions: { retryDelayMs: 0 },
	});
	expect(booked.error).toBeUndefined();
	const [item] = jsonOf(booked.output('coreplus'));
	expect(item).toMatchObject({
		appointmentId: emulator.data.appointments[0].appointmentId,
		practitionerName: null,
		namesUnavailable: expect.stringMatching(/Practitioner/),
	});
	expect(emulator.data.appointments).toHaveLength(1);
});

test('Client → Get Many, simplified', async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'getMany',
		limit: 2,
	});
	const [first] = jsonOf(result.output('coreplus'));
	const seededClient = emulator.data.clients[0];
	expect(first).toMatchObject({
		clientId: seededClient.clientId,
		name: `${String(seededClient.firstName)} ${String(seededClient.lastName)}`,
		dateOfBirth: String(seededClient.dateOfBirth).slice(0, 10),
		practitionerName: expect.any(String),
	});
});

test('editor defaults: Start/End Date today and a week ahead; Only This Location sends the time-zone location as the filter', async () => {
	const { emulator } = env;
	const { sydney } = seeded(emulator);
	// No Start/End Date given: the parameters' defaults (expressions) apply.
	const result = await runCoreplus(emulator, {
		resource: 'availabilitySlot',
		operation: 'getMany',
		timeZoneSource: 'location',
		timeZoneLocationId: sydney.locationId,
		onlyTimeZoneLocation: true,
		limit: 1,
	} as never);
	expect(result.error).toBeUndefined();
	const [search] = emulator.apiRequests('availabilityslot');
	const today = new Date();
	const startDate = search.query.get('startDate')!;
	expect(
		Math.abs(Date.parse(startDate) - Date.parse(today.toISOString().slice(0, 10))),
	).toBeLessThanOrEqual(86_400_000);
	expect((Date.parse(search.query.get('endDate')!) - Date.parse(startDate)) / 86_400_000).toBe(7);
	expect(search.query.getAll('locationId')).toEqual([sydney.locationId]);
});

test('a time coreplus writes in a form the node cannot read is passed on as sent, with a warning, never dropped', async () => {
	const { emulator } = env;
	const booked = await bookWithAisha({ start: '2026-05-13T10:00', end: '2026-05-13T10:30' });
	expect(booked.error).toBeUndefined();
	const [appointment] = emulator.data.appointments;
	appointment.endDateTime = '13/05/2026 10:30 AM';
	const got = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'get',
		appointmentId: String(appointment.appointmentId),
	});
	expect(got.error).toBeUndefined();
	expect(jsonOf(got.output('coreplus'))[0]).toMatchObject({
		startLocal: '2026-05-13 10:00',
		start: '2026-05-13T10:00:00+10:00',
		endLocal: '13/05/2026 10:30 AM',
		end: null,
	});
	expect(hintsOf(got)).toEqual([
		'coreplus sent the end time as "13/05/2026 10:30 AM", which the node cannot read as a date-time: it is passed on unchanged in endLocal, and end is null',
	]);
});
