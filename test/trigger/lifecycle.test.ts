import { book, cancel, move, remove } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, daysAhead, pollOk, storedAppointments, summary } from './helpers';

/**
 * An appointment cancelled through the API gives exactly one Appointment
 * Cancelled, whichever way coreplus shows it (status, `deleted: true`, the row gone); a
 * reschedule gives one Appointment Updated. Staged by changing the emulator's data directly.
 */
const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

async function watchedBooking() {
	const booked = book(env.emulator.data, { start: daysAhead(3) });
	const trigger = activeTrigger(env.emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	return { id: String(booked.appointmentId), row: booked, trigger };
}

async function expectQuiet(trigger: ReturnType<typeof activeTrigger>, polls = 3) {
	for (let poll = 0; poll < polls; poll++) expect(await pollOk(trigger)).toBeNull();
}

test('cancelled by status: one Appointment Cancelled, then nothing, also when the row later goes', async () => {
	const { id, trigger } = await watchedBooking();
	cancel(env.emulator.data, id);
	expect(summary(await pollOk(trigger))).toEqual([`appointmentCancelled:${id}`]);
	await expectQuiet(trigger);
	remove(env.emulator.data, id);
	await expectQuiet(trigger);
});

test('cancelled as the public clients do (deleted: true, the status untouched): one Appointment Cancelled', async () => {
	const { id, row, trigger } = await watchedBooking();
	row.deleted = true;
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([`appointmentCancelled:${id}`]);
	expect(items![0].changes).toEqual({ deleted: { previous: null, current: 'true' } });
	await expectQuiet(trigger);
	row.deleted = 'true';
	await expectQuiet(trigger);
	remove(env.emulator.data, id);
	await expectQuiet(trigger);
});

test('cancelled by removing the row (list and GET Appointment/{id} no longer know it): one removed cancellation', async () => {
	const { id, trigger } = await watchedBooking();
	remove(env.emulator.data, id);
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([`appointmentCancelled:${id}`]);
	expect(items![0]).toMatchObject({ removed: true });
	expect(storedAppointments(trigger).entries).not.toHaveProperty(id);
	await expectQuiet(trigger);
});

test('a reschedule inside the window: one Appointment Updated naming the old and new times', async () => {
	const { id, trigger } = await watchedBooking();
	move(env.emulator.data, id, daysAhead(5, 14));
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([`appointmentUpdated:${id}`]);
	expect(Object.keys(items![0].changes as object).sort()).toEqual(['end', 'start']);
	await expectQuiet(trigger);
});
