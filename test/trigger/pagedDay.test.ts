import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import {
	book,
	bookClinicDiary,
	bookMany,
	cancel,
	remove,
	TIMES_OF_THE_WEEK,
} from '../../emulator/mutations';
import { fakeDateOnly, useEmulator } from '../../harness/helpers';
import type { PolledWorkflow } from '../../harness/poll';
import { idKey } from '../../nodes/Coreplus/helpers/rules/ids';
import { fingerprintOf, startMillis } from '../../nodes/CoreplusTrigger/fingerprint';
import { writeState } from '../../nodes/CoreplusTrigger/state';
import { idMap, type AppointmentFingerprint } from '../../nodes/CoreplusTrigger/types';
import { POLL_REQUEST_BUDGET } from '../../nodes/CoreplusTrigger/plan';
import { activeTrigger, daysAhead, pollOk, storedAppointments, summary } from './helpers';

/**
 * A later day too big for what today leaves of the poll's budget is read a few pages a poll: a
 * quiet poll stays within the budget at any hour and any day of the week, and every change on
 * such a day is still told exactly once.
 */
const env = useEmulator();
const SYDNEY = 'Australia/Sydney';
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

const isLookUp = (path: string) => /^appointment\/./i.test(path.replace(/\/$/, ''));
const listRequests = () => env.emulator.apiRequests().filter((r) => !isLookUp(r.path));
const lookUps = () =>
	env.emulator
		.apiRequests()
		.filter((r) => isLookUp(r.path))
		.map((r) => decodeURIComponent(r.path.replace(/\/$/, '').split('/').pop()!));

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

/**
 * The state the trigger's first poll records for these rows, made by the node's own fingerprint
 * and state writer: a real first poll of 15,000 appointments reads the window twice (about 300
 * requests, half a minute at coreplus' pace); the tests below start from real first polls.
 */
function recordBaseline(trigger: PolledWorkflow, rows: Array<Record<string, unknown>>) {
	const from = Date.now();
	const windowEnd = from + 30 * 24 * 60 * 60 * 1000;
	const entries = idMap<AppointmentFingerprint>();
	for (const row of rows) {
		const fingerprint = fingerprintOf(row as IDataObject, SYDNEY)!;
		const at = startMillis(fingerprint);
		if (at >= from && at <= windowEnd) entries[idKey(String(row.appointmentId))] = fingerprint;
	}
	// The scope of a trigger without location and practitioner filters (poll.ts).
	const appointments = { scope: JSON.stringify([[], []]), windowEnd, lookAheadDays: 30, entries };
	writeState(trigger.staticData, { appointments });
}

describe('on a simulated clock', () => {
	beforeEach(() => {
		fakeDateOnly(Date.now());
	});
	afterEach(() => jest.useRealTimers());

	// 682 a weekday, 08:00-18:00: 15,004 in the 22 weekdays of a 30-day window from a Monday.
	const PER_DAY = 682;

	test(`a quiet poll of 15,000 watched appointments stays within ${POLL_REQUEST_BUDGET} requests at any hour, weekdays and weekends`, async () => {
		const { emulator } = env;
		const monday = DateTime.now().setZone(SYDNEY).plus({ weeks: 1 }).startOf('week');
		const at = ([day, hour, minute]: number[]) =>
			jest.setSystemTime(monday.plus({ days: day, hours: hour, minutes: minute }).toMillis());
		at(TIMES_OF_THE_WEEK[0]);
		// A week beyond the window, so that it holds as many appointments as the clock moves on.
		const diary = bookClinicDiary(emulator.data, monday, 38, PER_DAY);
		const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
		recordBaseline(trigger, diary);
		expect(Object.keys(storedAppointments(trigger).entries).length).toBeGreaterThanOrEqual(15_000);

		const costs: string[] = [];
		for (const time of TIMES_OF_THE_WEEK) {
			at(time);
			emulator.resetLog();
			const items = (await pollOk(trigger)) ?? [];
			// Only days entering the window as the clock moves on bring anything.
			expect(items.filter((item) => item.enteredWindow !== true)).toEqual([]);
			expect(lookUps()).toEqual([]);
			costs.push(`${time.join(':')} ${listRequests().length}`);
		}
		// `day:hour:minute requests` of every poll over the budget: none.
		expect(costs.filter((cost) => Number(cost.split(' ')[1]) > POLL_REQUEST_BUDGET)).toEqual([]);
	}, 150_000);

	test('today alone over the budget: a poll reads today and one page of a later day', async () => {
		const { emulator } = env;
		const monday = DateTime.now().setZone(SYDNEY).plus({ weeks: 1 }).startOf('week');
		jest.setSystemTime(monday.set({ minute: 30 }).toMillis());
		// 1,000 today (10 pages), 300 on Wednesday (3 pages).
		bookMany(emulator.data, 1000, monday.set({ hour: 8 }), 0.6);
		const wednesday = bookMany(emulator.data, 300, monday.plus({ days: 2, hours: 8 }), 2);
		const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
		expect(await pollOk(trigger)).toBeNull();
		const cancelled = String(
			cancel(emulator.data, String(wednesday[250].appointmentId)).appointmentId,
		);
		const told: string[] = [];
		const costs: number[] = [];
		// Tuesday (empty), then Wednesday's three pages one a poll.
		for (let poll = 0; poll < 4; poll++) {
			emulator.resetLog();
			told.push(...summary(await pollOk(trigger)));
			costs.push(listRequests().length);
		}
		expect(costs).toEqual([12, 12, 12, 12]);
		expect(told).toEqual([`appointmentCancelled:${cancelled}`]);
	}, 60_000);
});

test('a day read page by page tells its changes once each: removals once its last page is read, and not a row that shifted to a page already read', async () => {
	const { emulator } = env;
	// 1,500 on day 3 (15 pages), a few elsewhere: today leaves 8 pages of the budget.
	const bigDay = bookMany(emulator.data, 1500, daysAhead(3, 8), 0.4);
	for (const day of [1, 5, 10]) bookMany(emulator.data, 20, daysAhead(day, 9), 15);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();

	const cost: number[] = [];
	const told: string[] = [];
	let lookedUp: string[] = [];
	const poll = async () => {
		emulator.resetLog();
		told.push(...summary(await pollOk(trigger)));
		cost.push(listRequests().length);
		lookedUp = lookUps().sort();
	};
	await poll(); // today to day 2
	await poll(); // day 3, pages 1-8
	expect(told).toEqual([]);

	const id = (row: { appointmentId?: unknown }) => String(row.appointmentId);
	// Removed from page 2 (read): every later row moves up one place, so the first row of page 9
	// moves onto page 8, read already, and is not listed on the pages still to read.
	const removedEarly = id(bigDay[150]);
	const shifted = id(bigDay[800]);
	remove(emulator.data, removedEarly);
	// Removed, cancelled and booked where the pages are still to be read.
	const removed = id(bigDay[1200]);
	remove(emulator.data, removed);
	const cancelled = id(cancel(emulator.data, id(bigDay[1300])));
	const start = daysAhead(3, 17).set({ minute: 59, second: 50 });
	const booked = id(book(emulator.data, { start }));

	await poll(); // day 3, pages 9-15: the day is done
	expect(told.sort()).toEqual(
		[
			`appointmentCancelled:${cancelled}`,
			`appointmentCancelled:${removed}`,
			`newAppointment:${booked}`,
		].sort(),
	);
	// The shifted row looked vanished and its look-up found it unchanged: nothing told.
	expect(lookedUp).toEqual([removed, shifted].sort());

	// The rest of the window, then today to day 2, then day 3 again: its pages 1-8 ...
	for (let more = 0; more < 3; more++) await poll();
	expect(told).toHaveLength(3);
	expect(lookedUp).toEqual([]);
	await poll(); // ... and 9-15: the row removed from a page read before is told now.
	expect(told).toHaveLength(4);
	expect(told).toContain(`appointmentCancelled:${removedEarly}`);
	expect(lookedUp).toEqual([removedEarly]);
	for (let more = 0; more < 4; more++) await poll();
	expect(told).toHaveLength(4);
	expect(Math.max(...cost)).toBeLessThanOrEqual(POLL_REQUEST_BUDGET);
}, 120_000);

describe('a server whose pages differ from the documented ones', () => {
	afterEach(() => {
		env.emulator.pageSizeCap = undefined;
		env.emulator.envelopes.clear();
	});

	/** A trigger past its baseline whose next poll reads day 3 (1,500 appointments) page by page. */
	async function atTheBigDay() {
		const bigDay = bookMany(env.emulator.data, 1500, daysAhead(3, 8), 0.4);
		const trigger = activeTrigger(env.emulator, { events: APPOINTMENT_EVENTS });
		expect(await pollOk(trigger)).toBeNull();
		expect(await pollOk(trigger)).toBeNull(); // today to day 2
		return { trigger, bigDay: bigDay.map((row) => String(row.appointmentId)) };
	}

	test('50 rows a page (as reported): the day is read to its end across polls, a removal told once', async () => {
		env.emulator.pageSizeCap = 50;
		const { trigger, bigDay } = await atTheBigDay();
		const told: string[] = [];
		told.push(...summary(await pollOk(trigger))); // day 3, its first 400 rows
		remove(env.emulator.data, bigDay[1200]);
		const looked: string[] = [];
		for (let poll = 0; poll < 5; poll++) {
			env.emulator.resetLog();
			told.push(...summary(await pollOk(trigger)));
			looked.push(...lookUps());
			expect(listRequests().length).toBeLessThanOrEqual(POLL_REQUEST_BUDGET);
		}
		expect(told).toEqual([`appointmentCancelled:${bigDay[1200]}`]);
		expect(looked).toEqual([bigDay[1200]]);
	}, 60_000);

	test('a bare list without paging: the rest of the day is read whole, a removal told at once', async () => {
		env.emulator.envelopes.set({ path: 'appointment', method: 'GET', variant: 'bareArray' });
		const { trigger, bigDay } = await atTheBigDay();
		remove(env.emulator.data, bigDay[1200]);
		expect(summary(await pollOk(trigger))).toEqual([`appointmentCancelled:${bigDay[1200]}`]);
		expect(storedAppointments(trigger).farPage).toBeUndefined();
	}, 60_000);
});
