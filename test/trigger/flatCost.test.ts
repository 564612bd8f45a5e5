import { DateTime } from 'luxon';

import { book, bookMany, cancel, move, remove } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { POLL_REQUEST_BUDGET } from '../../nodes/CoreplusTrigger/plan';
import { activeTrigger, daysAhead, pollOk, storedAppointments, summary } from './helpers';

/**
 * A quiet poll's cost stays flat for a large diary (today every poll, the later
 * days in turns), and every change is still told exactly once, within one turn of the slices.
 */
const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];
// ~70 appointments a day over the 30-day window: 21 pages to read it whole.
const WATCHED = 2000;

const listRequests = () =>
	env.emulator.apiRequests().filter((r) => !/^appointment\/./i.test(r.path.replace(/\/$/, '')));

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

test(`a quiet poll of ${WATCHED} watched appointments stays within ${POLL_REQUEST_BUDGET} requests; far changes are told once within one turn`, async () => {
	const { emulator } = env;
	const diary = bookMany(emulator.data, WATCHED, DateTime.now().plus({ hours: 1 }), 21);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	expect(Object.keys(storedAppointments(trigger).entries)).toHaveLength(WATCHED);

	const turn: number[] = [];
	for (let poll = 0; poll < 4; poll++) {
		emulator.resetLog();
		expect(await pollOk(trigger)).toBeNull();
		turn.push(listRequests().length);
	}
	expect(Math.max(...turn)).toBeLessThanOrEqual(POLL_REQUEST_BUDGET);

	// The diary is in time order, one appointment every 21 minutes: the one about `days` ahead.
	const at = (days: number) => diary[Math.floor((days * 24 * 60) / 21)];
	const cancelled = String(at(25).appointmentId);
	const removed = String(at(15).appointmentId);
	const moved = String(at(8).appointmentId);
	cancel(emulator.data, cancelled);
	remove(emulator.data, removed);
	move(emulator.data, moved, daysAhead(9, 7));
	const booked = String(book(emulator.data, { start: daysAhead(20, 6) }).appointmentId);

	const told: string[] = [];
	for (let poll = 0; poll < 6; poll++) {
		emulator.resetLog();
		told.push(...summary(await pollOk(trigger)));
		expect(listRequests().length).toBeLessThanOrEqual(POLL_REQUEST_BUDGET);
	}
	expect(told.sort()).toEqual(
		[
			`appointmentCancelled:${cancelled}`,
			`appointmentCancelled:${removed}`,
			`appointmentUpdated:${moved}`,
			`newAppointment:${booked}`,
		].sort(),
	);
	// The first poll reads the diary twice (the baseline), about 45 requests at 10 a second.
}, 120_000);
