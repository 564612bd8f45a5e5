import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { TIMEZONES } from '../../emulator/timezones';
import { bookParameters, seeded } from './fixtures';

const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

async function book(
	extra: Record<string, unknown>,
	options: Parameters<typeof runCoreplus>[2] = {},
) {
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
			// coreplus' own record is what these tests read (Simplify is covered in simplify.test.ts).
			{ simplify: false, ...extra },
		),
		options,
	);
}

test("Book sends the documented body with DateTimeOffsets in the location's zone and returns the appointment", async () => {
	const { emulator } = env;
	const { sydney, aisha, client, initial60 } = seeded(emulator);
	const result = await book({
		start: '2026-05-11T10:00',
		appointmentTypeId: initial60.appointmentTypeId,
		additionalFields: {
			subject: 'First visit',
			notes: 'Knee pain',
			isEmailReminderRequired: true,
			isSmsReminderRequired: false,
			notifyPractitioner: true,
		},
	});
	expect(result.error).toBeUndefined();
	const [post] = emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
	expect(post.claims?.httpMethod).toBe('POST');
	expect(JSON.parse(post.rawBody.toString('utf8'))).toEqual({
		startDateTime: '2026-05-11 10:00 +10:00',
		endDateTime: '2026-05-11 11:00 +10:00',
		practitioner: { practitionerId: aisha.practitionerId },
		locationId: sydney.locationId,
		clients: [{ clientId: client.clientId }],
		appointmentTypeId: initial60.appointmentTypeId,
		subject: 'First visit',
		notes: 'Knee pain',
		isEmailReminderRequired: true,
		isSmsReminderRequired: false,
		notifyPractitioner: true,
	});
	const [appointment] = jsonOf(result.output('coreplus'));
	expect(appointment).toMatchObject({
		appointmentId: emulator.data.appointments[0].appointmentId,
		startDateTime: '2026-05-11T10:00:00 +10:00',
		start: '2026-05-11T10:00:00+10:00',
		end: '2026-05-11T11:00:00+10:00',
	});
	expect(appointment).not.toHaveProperty('recoveredAfterLostResponse');
	expect(emulator.data.appointments).toHaveLength(1);
});

test('a taken slot is a clear error naming the slot and the practitioner; under Continue On Fail an error item', async () => {
	const { emulator } = env;
	const first = await book({ start: '2026-05-12T09:00', end: '2026-05-12T10:00' });
	expect(first.error).toBeUndefined();
	const clash = await book({ start: '2026-05-12T09:30', end: '2026-05-12T10:30' });
	expect(clash.error?.message).toBe(
		'The slot 2026-05-12 09:30 +10:00 to 2026-05-12 10:30 +10:00 is not available for practitioner Dr Aisha Rahman (' +
			seeded(emulator).aisha.practitionerId +
			')',
	);
	expect(clash.error?.description).toMatch(
		/The selected time is not available for booking an appointment/,
	);

	const continued = await book(
		{ start: '2026-05-12T09:30', end: '2026-05-12T10:30' },
		{ nodeExtra: { continueOnFail: true }, input: [{ json: {} }] },
	);
	expect(continued.error).toBeUndefined();
	const [item] = continued.output('coreplus');
	expect(item.json.error).toMatch(/is not available for practitioner Dr Aisha Rahman/);
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(emulator.data.appointments).toHaveLength(1);
});

test('Get reads one appointment with the documented options; Get Many lists a range with practitioner profiles', async () => {
	const { emulator } = env;
	const booked = await book({ start: '2026-05-13T14:00', end: '2026-05-13T14:45' });
	const appointmentId = String(jsonOf(booked.output('coreplus'))[0].appointmentId);

	const got = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'get',
		appointmentId,
		options: { getPractitionerProfiles: true, cancellationId: true },
		simplify: false,
	});
	expect(got.error).toBeUndefined();
	const [getRequest] = emulator.apiRequests(`appointment/${appointmentId}`);
	expect(getRequest.url).toMatch(
		new RegExp(
			`/Appointment/${appointmentId}/\\?getPractitionerProfiles=true&cancellationId=true$`,
		),
	);
	expect(jsonOf(got.output('coreplus'))[0]).toMatchObject({
		appointmentId,
		practitioner: { firstName: 'Aisha', lastName: 'Rahman' },
		cancellationReasonId: null,
		start: '2026-05-13T14:00:00+10:00',
		end: '2026-05-13T14:45:00+10:00',
	});

	// Listed in Perth's zone, the same appointment starts at 12:00 +08:00.
	const { perth } = seeded(emulator);
	const listed = await runCoreplus(emulator, {
		resource: 'appointment',
		operation: 'getMany',
		startDate: '2026-05-13',
		endDate: '2026-05-13',
		timeZoneSource: 'location',
		timeZoneLocationId: String(perth.locationId),
		getPractitionerProfiles: true,
		returnAll: true,
		simplify: false,
	});
	expect(listed.error).toBeUndefined();
	const [listRequest] = emulator.apiRequests('appointment').filter((r) => r.method === 'GET');
	expect(Object.fromEntries(listRequest.query)).toMatchObject({
		startDate: '2026-05-13',
		endDate: '2026-05-13',
		timezoneId: TIMEZONES.perth.timezoneId,
		getPractitionerProfiles: 'true',
	});
	expect(jsonOf(listed.output('coreplus'))).toEqual([
		expect.objectContaining({
			appointmentId,
			startDateTime: '2026-05-13T12:00:00 +08:00',
			start: '2026-05-13T12:00:00+08:00',
		}),
	]);
});

test('a booking whose answer is lost is looked up and returned, never made twice', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
	const result = await book({ start: '2026-05-14T09:00', end: '2026-05-14T09:30' });
	expect(result.error).toBeUndefined();
	expect(emulator.data.appointments).toHaveLength(1);
	expect(emulator.apiRequests('appointment').filter((r) => r.method === 'POST')).toHaveLength(1);
	const [lookup] = emulator.apiRequests('appointment').filter((r) => r.method === 'GET');
	expect(Object.fromEntries(lookup.query)).toMatchObject({
		startDate: '2026-05-14',
		endDate: '2026-05-14',
		timezoneId: TIMEZONES.sydney.timezoneId,
	});
	const [appointment] = jsonOf(result.output('coreplus'));
	expect(appointment).toMatchObject({
		appointmentId: emulator.data.appointments[0].appointmentId,
		recoveredAfterLostResponse: true,
		start: '2026-05-14T09:00:00+10:00',
	});
});

test('a booking lost before coreplus acted is found missing and sent once more', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'appointment' });
	const result = await book({ start: '2026-05-15T09:00', end: '2026-05-15T09:30' });
	expect(result.error).toBeUndefined();
	expect(emulator.data.appointments).toHaveLength(1);
	expect(
		emulator.requests.filter(
			(r) => !r.overRateLimit && r.method === 'POST' && /appointment/i.test(r.path),
		),
	).toHaveLength(2);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		resentAfterLostResponse: true,
		start: '2026-05-15T09:00:00+10:00',
	});
});

test('when both answers are lost the one booking made is still found', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'appointment' });
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'appointment' });
	const result = await book({ start: '2026-05-16T09:00', end: '2026-05-16T09:30' });
	expect(result.error).toBeUndefined();
	expect(emulator.data.appointments).toHaveLength(1);
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({ recoveredAfterLostResponse: true });
});
