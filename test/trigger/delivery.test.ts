import { book, cancel, move, remove } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import {
	activeTrigger,
	afterRestart,
	daysAhead,
	pollOk,
	storedAppointments,
	summary,
} from './helpers';

const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

test('every event carries a stable id: the same change has the same id in any trigger, another change another id', async () => {
	const { emulator } = env;
	const [first, second] = [
		activeTrigger(emulator, { events: APPOINTMENT_EVENTS }),
		activeTrigger(emulator, { events: APPOINTMENT_EVENTS }),
	];
	for (const trigger of [first, second]) expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(2) });
	const id = String(booked.appointmentId);
	const [a, b] = [await pollOk(first), await pollOk(second)];
	expect(a![0].eventId).toMatch(new RegExp(`^${id}:newAppointment:[\\w-]{12}$`));
	expect(b![0].eventId).toBe(a![0].eventId);

	move(emulator.data, id, daysAhead(3));
	const [moved] = (await pollOk(first))!;
	move(emulator.data, id, daysAhead(2));
	const [movedBack] = (await pollOk(first))!;
	cancel(emulator.data, id);
	const [cancelled] = (await pollOk(first))!;
	const ids = [a![0].eventId, moved.eventId, movedBack.eventId, cancelled.eventId];
	expect(new Set(ids).size).toBe(4);
	expect(cancelled.eventId).toMatch(new RegExp(`^${id}:appointmentCancelled:`));
});

test('n8n dies right after an emitting poll: after the restart the events come again with the same ids, marked redelivered, then never again', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(2) });
	const emitted = (await pollOk(trigger))!;
	expect(summary(emitted)).toEqual([`newAppointment:${booked.appointmentId}`]);

	const restarted = afterRestart(trigger, env.emulator);
	const again = (await pollOk(restarted))!;
	expect(again).toEqual([{ ...emitted[0], redelivered: true }]);
	expect(await pollOk(restarted)).toBeNull();
	expect(await pollOk(restarted)).toBeNull();
	// A new change after the restart is told once, and the redelivered batch does not return.
	const later = book(emulator.data, { start: daysAhead(4) });
	expect(summary(await pollOk(restarted))).toEqual([`newAppointment:${later.appointmentId}`]);
	expect(await pollOk(restarted)).toBeNull();
});

test('in the process that emitted them, events are never emitted again', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	book(emulator.data, { start: daysAhead(2) });
	expect(await pollOk(trigger)).toHaveLength(1);
	for (let poll = 0; poll < 3; poll++) expect(await pollOk(trigger)).toBeNull();
	// Pending events are dropped once delivery is proven, so a restart after that repeats nothing.
	expect(await pollOk(afterRestart(trigger, env.emulator))).toBeNull();
});

test('a cancelled appointment keeps its entry while the list shows it, and loses it once it is gone', async () => {
	const { emulator } = env;
	const booked = book(emulator.data, { start: daysAhead(2) });
	const id = String(booked.appointmentId);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	cancel(emulator.data, id);
	expect(summary(await pollOk(trigger))).toEqual([`appointmentCancelled:${id}`]);
	expect(storedAppointments(trigger).entries[id].status).toBe('Cancelled');
	remove(emulator.data, id);
	expect(await pollOk(trigger)).toBeNull();
	expect(storedAppointments(trigger).entries).not.toHaveProperty(id);
});
