import { DateTime } from 'luxon';

import { parseResponseDateTime } from '../../emulator/dateTimes';
import { book, cancel, remove } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, pollOk, storedAppointments, fakeDateOnly } from './helpers';

const env = useEmulator();
const HOUR = 60 * 60 * 1000;

afterEach(() => {
	jest.useRealTimers();
});

test('a simulated month of polling: every booking told once, passing time is no cancellation, the state holds only the window', async () => {
	const { emulator } = env;
	emulator.data.appointments.length = 0;
	// Only Date is faked (and keeps running); timers, sockets and the rate limiters' sleeps stay real.
	fakeDateOnly(Date.now());
	const trigger = activeTrigger(emulator, {
		events: ['newAppointment', 'appointmentCancelled'],
		lookAheadDays: 30,
	});
	expect(await pollOk(trigger)).toBeNull();

	const emitted: string[] = [];
	const enteredWindow = new Map<string, boolean>();
	const cancelled = new Set<string>();
	const farAhead = new Set<string>();
	let largestState = 0;

	for (let day = 0; day < 31; day++) {
		const now = DateTime.now().setZone('Australia/Sydney');
		// Each day the practice books three appointments (tomorrow, in a fortnight, beyond the window)...
		for (const [ahead, hour] of [
			[1, 9],
			[15, 11],
			[35, 14],
		] as const) {
			const row = book(emulator.data, {
				start: now.plus({ days: ahead }).set({ hour, minute: 0, second: 0, millisecond: 0 }),
			});
			if (ahead === 35) farAhead.add(String(row.appointmentId));
		}
		// ...and cancels or deletes one of the upcoming ones every third day.
		const upcoming = emulator.data.appointments.filter(
			(a) =>
				a.status === 'Booked' &&
				parseResponseDateTime(a.startDateTime).toMillis() > Date.now() + 2 * 24 * HOUR &&
				parseResponseDateTime(a.startDateTime).toMillis() < Date.now() + 20 * 24 * HOUR,
		);
		if (day % 3 === 2 && upcoming.length) {
			const id = String(upcoming[0].appointmentId);
			cancelled.add(id);
			if (day % 2) cancel(emulator.data, id);
			else remove(emulator.data, id);
		}

		for (let poll = 0; poll < 2; poll++) {
			for (const item of (await pollOk(trigger)) ?? []) {
				const id = String((item.record as { appointmentId: string }).appointmentId);
				emitted.push(`${String(item.event)}:${id}`);
				if (item.event === 'newAppointment') enteredWindow.set(id, Boolean(item.enteredWindow));
			}
			// The state is the appointments inside the window and those that started in the last day
			// (kept so that a wall-clock step forgets nothing), whatever has happened before.
			const from = Date.now();
			const inWindow = emulator.data.appointments.filter((a) => {
				const start = parseResponseDateTime(a.startDateTime).toMillis();
				return start >= from - 24 * HOUR && start <= from + 30 * 24 * HOUR;
			});
			const stored = Object.keys(storedAppointments(trigger).entries);
			expect(stored.length).toBeLessThanOrEqual(inWindow.length);
			expect(inWindow.map((a) => a.appointmentId)).toEqual(expect.arrayContaining(stored));
			largestState = Math.max(largestState, JSON.stringify(trigger.staticData).length);
			jest.setSystemTime(Date.now() + 6 * HOUR);
		}
		jest.setSystemTime(Date.now() + 12 * HOUR);
	}

	// No event twice.
	expect(new Set(emitted).size).toBe(emitted.length);
	// Every cancellation told, and no appointment "cancelled" because its time passed.
	expect(
		emitted
			.filter((e) => e.startsWith('appointmentCancelled:'))
			.map((e) => e.split(':')[1])
			.sort(),
	).toEqual([...cancelled].sort());
	// Every appointment that has come inside the window by now was told as new exactly once; those
	// booked beyond it were told when the window reached them, and flagged so.
	const reached = emulator.data.appointments.filter(
		(a) =>
			parseResponseDateTime(a.startDateTime).toMillis() <= Date.now() - 18 * HOUR + 30 * 24 * HOUR,
	);
	for (const row of reached) {
		const id = String(row.appointmentId);
		expect(enteredWindow.has(id)).toBe(true);
		expect(enteredWindow.get(id)).toBe(farAhead.has(id));
	}
	// The saved state stays the size of one window (about 60 appointments here), not of a month.
	expect(largestState).toBeLessThan(20_000);
	expect(Object.keys(storedAppointments(trigger).entries).length).toBeLessThanOrEqual(3 * 31);
});
