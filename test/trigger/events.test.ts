import { DateTime } from 'luxon';

import {
	addClient,
	book,
	bookMany,
	cancel,
	move,
	reassign,
	remove,
} from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import {
	activeTrigger,
	ALL_EVENTS,
	daysAhead,
	pollOk,
	storedAppointments,
	storedClients,
	summary,
} from './helpers';

const env = useEmulator();
// Local 10:00 a few days ahead, well inside the default 30-day window whatever the time of day.

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

test('the first poll records the diary and emits nothing; later polls emit each change once, in start order', async () => {
	const { emulator } = env;
	const [a, b, c] = [daysAhead(2), daysAhead(3), daysAhead(5)].map((start) =>
		book(emulator.data, { start }),
	);
	const trigger = activeTrigger(emulator, { events: ALL_EVENTS });

	expect(await pollOk(trigger)).toBeNull();
	expect(Object.keys(storedAppointments(trigger).entries).sort()).toEqual(
		[a, b, c].map((r) => r.appointmentId).sort(),
	);
	expect(storedClients(trigger).total).toBe(emulator.data.clients.length);
	expect(storedClients(trigger).known).toHaveLength(7 * emulator.data.clients.length);

	// What the practice does between two polls.
	const d = book(emulator.data, { start: daysAhead(1) });
	move(emulator.data, String(b.appointmentId), daysAhead(4));
	cancel(emulator.data, String(c.appointmentId));
	const client = addClient(emulator.data);
	emulator.resetLog();

	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([
		`newAppointment:${d.appointmentId}`,
		`appointmentUpdated:${b.appointmentId}`,
		`appointmentCancelled:${c.appointmentId}`,
		`newClient:${client.clientId}`,
	]);
	const [created, updated, cancelled, newClient] = items!;
	expect(created).toMatchObject({
		start: daysAhead(1).toISO({ suppressMilliseconds: true }),
		enteredWindow: false,
		record: { appointmentId: d.appointmentId, status: 'Booked' },
	});
	// The record as coreplus returned it (its own date-time form), next to the normalised ISO times.
	expect((created.record as { startDateTime: string }).startDateTime).toMatch(
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/,
	);
	expect(updated.changes).toEqual({
		start: {
			previous: daysAhead(3).toISO({ suppressMilliseconds: true }),
			current: daysAhead(4).toISO({ suppressMilliseconds: true }),
		},
		end: {
			previous: daysAhead(3).plus({ minutes: 30 }).toISO({ suppressMilliseconds: true }),
			current: daysAhead(4).plus({ minutes: 30 }).toISO({ suppressMilliseconds: true }),
		},
	});
	expect(cancelled.changes).toEqual({ status: { previous: 'Booked', current: 'Cancelled' } });
	expect(newClient).toEqual({
		event: 'newClient',
		eventId: `${client.clientId}:newClient`,
		record: client,
	});

	// What coreplus received: one location list, then the appointment list with the documented
	// query (the window's local dates in that location's zone, its timezoneId), signed.
	const [list] = emulator.apiRequests('appointment');
	expect(list.claims?.url).toBe(list.url);
	expect(list.query.get('timezoneId')).toBe(emulator.data.locations[0].timezoneId);
	const sydney = DateTime.now().setZone('Australia/Sydney');
	expect(list.query.get('startDate')).toBe(sydney.toISODate());
	expect(list.query.get('endDate')).toBe(
		sydney.plus({ milliseconds: 30 * 86_400_000 }).toISODate(),
	);

	for (let poll = 3; poll <= 10; poll++) expect(await pollOk(trigger)).toBeNull();
});

test('moving into and out of the window: a reschedule beyond it is an update, its return is no new booking, a deletion is a cancellation', async () => {
	const { emulator } = env;
	const inside = book(emulator.data, { start: daysAhead(10) });
	const outside = book(emulator.data, { start: daysAhead(40) });
	const doomed = book(emulator.data, { start: daysAhead(12) });
	const trigger = activeTrigger(emulator, {
		events: ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'],
		lookAheadDays: 30,
	});
	expect(await pollOk(trigger)).toBeNull();

	move(emulator.data, String(inside.appointmentId), daysAhead(45));
	move(emulator.data, String(outside.appointmentId), daysAhead(20));
	remove(emulator.data, String(doomed.appointmentId));
	emulator.resetLog();
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([
		`appointmentCancelled:${doomed.appointmentId}`,
		`newAppointment:${outside.appointmentId}`,
		`appointmentUpdated:${inside.appointmentId}`,
	]);
	expect(items![0]).toMatchObject({
		removed: true,
		record: { appointmentId: doomed.appointmentId },
		start: daysAhead(12).toISO({ suppressMilliseconds: true }),
	});
	expect((items![2].changes as Record<string, { current: string }>).start.current).toBe(
		daysAhead(45).toISO({ suppressMilliseconds: true }),
	);
	// The two that vanished from the list were looked up one by one.
	expect(emulator.apiRequests(`appointment/${inside.appointmentId}`)).toHaveLength(1);
	expect(emulator.apiRequests(`appointment/${doomed.appointmentId}`)).toHaveLength(1);
	expect(await pollOk(trigger)).toBeNull();

	move(emulator.data, String(inside.appointmentId), daysAhead(11));
	expect(summary(await pollOk(trigger))).toEqual([`appointmentUpdated:${inside.appointmentId}`]);
	for (let poll = 0; poll < 5; poll++) expect(await pollOk(trigger)).toBeNull();
});

test('filters: only watched practitioners; an appointment handed to another practitioner is an update, then forgotten', async () => {
	const { emulator } = env;
	const [mine, other] = emulator.data.practitioners.map((p) => String(p.practitionerId));
	const trigger = activeTrigger(emulator, {
		events: ['newAppointment', 'appointmentUpdated'],
		practitionerIds: [mine],
	});
	expect(await pollOk(trigger)).toBeNull();

	const kept = book(emulator.data, { start: daysAhead(2), practitionerId: mine });
	book(emulator.data, { start: daysAhead(3), practitionerId: other });
	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${kept.appointmentId}`]);

	reassign(emulator.data, String(kept.appointmentId), other);
	const items = await pollOk(trigger);
	expect(items![0].changes).toEqual({ practitionerId: { previous: mine, current: other } });
	expect(storedAppointments(trigger).entries).toEqual({});
	expect(await pollOk(trigger)).toBeNull();
});

test('250 appointments booked between polls, across three pages: 250 events in start order, none again in 9 more polls', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ['newAppointment'] });
	expect(await pollOk(trigger)).toBeNull();

	const booked = bookMany(emulator.data, 250, daysAhead(1, 8), 45);
	emulator.resetLog();
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual(booked.map((row) => `newAppointment:${row.appointmentId}`));
	expect(
		emulator
			.apiRequests('appointment')
			.map((r) => r.query.get('pageNumber'))
			.sort(),
	).toEqual(['1', '2', '3']);
	// Within coreplus' 10 requests/second: the shared limiter paced the pages.
	expect(emulator.rateLimitedCount).toBe(0);

	for (let poll = 2; poll <= 10; poll++) expect(await pollOk(trigger)).toBeNull();
	expect(Object.keys(storedAppointments(trigger).entries)).toHaveLength(250);
	// The stored form: at most 64 bytes a watched appointment, its id included.
	const stored = (trigger.staticData.coreplusTrigger as { appointments: { entries: object } })
		.appointments.entries;
	expect(JSON.stringify(stored).length / 250).toBeLessThanOrEqual(64);
});

test('a cancellation shown only by the status, and a booking cancelled before the next poll, are each told once', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ['newAppointment', 'appointmentCancelled'] });
	expect(await pollOk(trigger)).toBeNull();
	const brief = book(emulator.data, { start: daysAhead(6) });
	cancel(emulator.data, String(brief.appointmentId));
	expect(summary(await pollOk(trigger))).toEqual([
		`newAppointment:${brief.appointmentId}`,
		`appointmentCancelled:${brief.appointmentId}`,
	]);
	// The list later stops showing it: no second cancellation.
	remove(emulator.data, String(brief.appointmentId));
	expect(await pollOk(trigger)).toBeNull();
	expect(await pollOk(trigger)).toBeNull();
});

test("location filter: appointments elsewhere are not told, and the list is asked in the watched location's time zone", async () => {
	const { emulator } = env;
	const [, perth] = [emulator.data.locations[0], emulator.data.locations[4]];
	const trigger = activeTrigger(emulator, {
		events: ['newAppointment'],
		locationIds: [String(perth.locationId)],
	});
	expect(await pollOk(trigger)).toBeNull();
	book(emulator.data, { start: daysAhead(2) });
	const there = book(emulator.data, { start: daysAhead(3), locationId: String(perth.locationId) });
	emulator.resetLog();
	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${there.appointmentId}`]);
	expect(emulator.apiRequests('appointment')[0].query.get('timezoneId')).toBe(perth.timezoneId);
});
