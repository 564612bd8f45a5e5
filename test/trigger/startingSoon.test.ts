import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { book, cancel, move } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, fakeDateOnly, pollOk, summary } from './helpers';

/**
 * Appointment Starting Soon against the emulator, with the wall clock (Date only) moved forward
 * between polls: timers and sockets stay real.
 */
const env = useEmulator();
const MINUTE = 60_000;

let t0 = 0;
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
	// Each test starts a day after the last one's clock, so the clock only ever moves forward.
	t0 = Math.max(Date.now(), t0) + 24 * 60 * MINUTE;
	fakeDateOnly(t0);
});
afterEach(() => jest.useRealTimers());

/** Moves the clock to `minutes` after the test's start. */
const at = (minutes: number) => jest.setSystemTime(t0 + minutes * MINUTE);
const startIn = (minutes: number) =>
	DateTime.fromMillis(t0 + minutes * MINUTE)
		.setZone('Australia/Sydney')
		.startOf('minute');

function reminderTrigger(remindBefore = 60, lateGraceMinutes = 60) {
	return activeTrigger(env.emulator, {
		events: ['appointmentStartingSoon'],
		remindBefore,
		remindBeforeUnit: 'minutes',
		lateGraceMinutes,
	});
}

/** Polls at each of `minutes` (after the test's start), collecting the items. */
async function pollAt(trigger: ReturnType<typeof reminderTrigger>, minutes: number[]) {
	const items: IDataObject[] = [];
	for (const minute of minutes) {
		at(minute);
		items.push(...((await pollOk(trigger)) ?? []));
	}
	return items;
}

test('told once, on time, at the first poll after it comes due, with its due time', async () => {
	const appointment = book(env.emulator.data, { start: startIn(75) });
	const trigger = reminderTrigger(60);
	const items = await pollAt(trigger, [0, 1, 2, 3, 14, 15, 16, 17]);
	expect(summary(items)).toEqual([`appointmentStartingSoon:${appointment.appointmentId}`]);
	const [reminder] = items;
	expect(reminder).toMatchObject({ timing: 'onTime', minutesLate: 0 });
	expect(Date.parse(String(reminder.dueAt))).toBe(startIn(15).toMillis());
	expect(Date.parse(String(reminder.start))).toBe(startIn(75).toMillis());
});

test('a reschedule re-arms it; a cancelled appointment never fires', async () => {
	const [moved, cancelled] = [startIn(70), startIn(80)].map((start) =>
		book(env.emulator.data, { start }),
	);
	const trigger = reminderTrigger(60);
	const first = await pollAt(trigger, [0, 1, 2, 9, 10, 11]);
	expect(summary(first)).toEqual([`appointmentStartingSoon:${moved.appointmentId}`]);

	move(env.emulator.data, String(moved.appointmentId), startIn(100));
	cancel(env.emulator.data, String(cancelled.appointmentId));
	const later = await pollAt(trigger, [12, 19, 20, 39, 40, 41]);
	expect(summary(later)).toEqual([`appointmentStartingSoon:${moved.appointmentId}`]);
	expect(Date.parse(String(later[0].start))).toBe(startIn(100).toMillis());
	expect(later[0].eventId).not.toBe(first[0].eventId);
});

test('after an outage it is told late within the grace window, missed past it or once started', async () => {
	const [late, missed, started] = [startIn(120), startIn(75), startIn(100)].map((start) =>
		book(env.emulator.data, { start }),
	);
	const trigger = reminderTrigger(60, 70);
	expect(await pollAt(trigger, [0, 1, 2, 3, 4, 5])).toEqual([]);
	// n8n is down from minute 5 to minute 105.
	at(105);
	const items = (await pollOk(trigger))!;
	const byId = new Map(
		items.map((item) => [String((item.record as IDataObject).appointmentId), item]),
	);
	// The clock keeps running during a poll: the minutes late may be one more.
	const told = (item: unknown, timing: string, minutes: number) => {
		const reminder = item as IDataObject | undefined;
		expect(reminder?.timing).toBe(timing);
		expect([minutes, minutes + 1]).toContain(reminder?.minutesLate);
	};
	told(byId.get(String(late.appointmentId)), 'late', 45);
	told(byId.get(String(missed.appointmentId)), 'missed', 90);
	told(byId.get(String(started.appointmentId)), 'missed', 65);
	expect(await pollOk(trigger)).toBeNull();
});

test('nothing that came due before the first poll; a booking made inside the lead is told on time', async () => {
	book(env.emulator.data, { start: startIn(30) });
	const trigger = reminderTrigger(60);
	expect(await pollAt(trigger, [0, 1, 2, 3])).toEqual([]);
	const late = book(env.emulator.data, { start: startIn(40) });
	at(4);
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([`appointmentStartingSoon:${late.appointmentId}`]);
	expect(items![0]).toMatchObject({ timing: 'onTime', minutesLate: 0 });
});
