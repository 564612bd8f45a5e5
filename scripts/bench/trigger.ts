/*
 * Trigger rows of `npm run bench` (also runnable alone: `npx ts-node --transpile-only --prefer-ts-exts scripts/bench/trigger.ts`).
 * Polls the coreplus Trigger through n8n-core's poll context against the emulator (10 requests/s
 * enforced, 300 ms latency) and reports, per steady-state ("quiet") poll: requests, time, state bytes.
 */
import '../../harness/setup';

import { DateTime, Settings } from 'luxon';
import type { INode } from 'n8n-workflow';

import { addClient, bookClinicDiary, TIMES_OF_THE_WEEK } from '../../emulator/mutations';
import { CoreplusEmulator } from '../../emulator/server';
import { PolledWorkflow } from '../../harness/poll';

export interface TriggerRow {
	measure: string;
	result: string;
	ratio: string;
	target: string;
}

export const TRIGGER_TYPE = 'n8n-nodes-coreplus.coreplusTrigger';
const LATENCY_MS = 300;

export async function measuredPoll(emulator: CoreplusEmulator, trigger: PolledWorkflow) {
	emulator.resetLog();
	const started = performance.now();
	const outcome = await trigger.poll();
	if (outcome.error) throw outcome.error;
	const bytes = JSON.stringify(trigger.staticData.coreplusTrigger ?? {}).length;
	const items = outcome.items ?? [];
	return {
		ms: performance.now() - started,
		requests: emulator.requests.length,
		lookUps: emulator.requests.filter((r) => /^appointment\/./i.test(r.path.replace(/\/$/, '')))
			.length,
		limited: emulator.rateLimitedCount,
		items: items.length,
		entered: items.filter((item) => item.enteredWindow === true).length,
		bytes,
	};
}

/** A workflow with an active coreplus Trigger, set up with `parameters`, pointed at the emulator. */
export function benchTrigger(emulator: CoreplusEmulator, parameters: INode['parameters']) {
	return new PolledWorkflow(TRIGGER_TYPE, parameters, {
		coreplusApi: emulator.credentials() as never,
	});
}

export async function withEmulator<T>(
	seed: { clients?: number; invoices?: number },
	work: (emulator: CoreplusEmulator) => Promise<T>,
): Promise<T> {
	const emulator = await new CoreplusEmulator({ ...seed, latencyMs: LATENCY_MS }).start();
	try {
		return await work(emulator);
	} finally {
		await emulator.stop();
	}
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function triggerBench(rows: TriggerRow[]): Promise<void> {
	for (const clients of [1_000, 20_000, 100_000]) {
		await withEmulator({ clients }, async (emulator) => {
			const trigger = benchTrigger(emulator, { events: ['newClient'] });
			const baseline = await measuredPoll(emulator, trigger);
			const quiet = await measuredPoll(emulator, trigger);
			addClient(emulator.data);
			const added = await measuredPoll(emulator, trigger);
			if (added.items !== 1 || quiet.items !== 0)
				throw new Error(
					`New Client at ${clients} clients emitted ${quiet.items} then ${added.items} items`,
				);
			rows.push({
				measure: `Trigger New Client, ${clients.toLocaleString('en')} clients: quiet poll / poll with one new client (first poll after start: full read)`,
				result: `${quiet.requests} requests, ${seconds(quiet.ms)} / ${added.requests} requests, ${seconds(added.ms)}; state ${kib(added.bytes)}`,
				ratio: `first poll ${baseline.requests} requests, ${seconds(baseline.ms)}; ${(added.bytes / clients).toFixed(1)} bytes a client; ${baseline.limited + quiet.limited + added.limited} × 429`,
				target: '≤ 3 requests per quiet poll',
			});
		});
	}
	await appointmentBench(rows);
}

/** The appointment events' rows (`npm run bench -- --only appointments`). */
export async function appointmentBench(rows: TriggerRow[]): Promise<void> {
	for (const watched of [500, 15_000, 50_000]) await appointmentRow(rows, watched);
}

export const SYDNEY = 'Australia/Sydney';
const POLLS_AT_EACH_TIME = 3;
// The weekdays of a 30-day window from a Monday.
export const WEEKDAYS_IN_WINDOW = 22;

/**
 * The wall clock of this process (the emulator runs in it too) set to a simulated instant, running
 * on from there: `Date.now` and luxon's `Settings.now` shifted alike; `restore` undoes it.
 */
export function simulatedClock() {
	const realNow = Date.now;
	const realSettingsNow = Settings.now;
	let offset = 0;
	Date.now = () => realNow() + offset;
	Settings.now = () => Date.now();
	return {
		set: (at: DateTime) => (offset = at.toMillis() - realNow()),
		restore: () => {
			Date.now = realNow;
			Settings.now = realSettingsNow;
		},
	};
}

const label = ([day, hour, minute]: number[]) =>
	`${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][day]} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/**
 * A clinic's diary (weekdays 08:00-18:00, Sydney) with `watched` appointments in the 30-day window
 * from a Monday, and a week more beyond it. After the first (full) poll, at each simulated time
 * of the week, in order, quiet polls: the largest (and the time it was measured at) and the
 * median. Days entering the window as the clock moves on may bring New Appointment items
 * (`enteredWindow`); anything else, or a look-up, fails the bench.
 */
export async function appointmentRow(rows: TriggerRow[], watched: number): Promise<void> {
	const clock = simulatedClock();
	try {
		await withEmulator({ clients: 240 }, async (emulator) => {
			const monday = DateTime.now().setZone(SYDNEY).plus({ weeks: 1 }).startOf('week');
			const at = ([day, hour, minute]: number[]) =>
				clock.set(monday.plus({ days: day, hours: hour, minutes: minute }));
			at(TIMES_OF_THE_WEEK[0]);
			const perDay = Math.ceil(watched / WEEKDAYS_IN_WINDOW);
			bookClinicDiary(emulator.data, monday, 38, perDay);
			const events = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];
			const trigger = benchTrigger(emulator, { events });
			const baseline = await measuredPoll(emulator, trigger);
			const polls: Array<Awaited<ReturnType<typeof measuredPoll>> & { at: string }> = [];
			for (const time of TIMES_OF_THE_WEEK) {
				at(time);
				for (let poll = 0; poll < POLLS_AT_EACH_TIME; poll++) {
					const quiet = await measuredPoll(emulator, trigger);
					if (quiet.items !== quiet.entered || quiet.lookUps)
						throw new Error(
							`a quiet poll told ${quiet.items - quiet.entered} items, ${quiet.lookUps} look-ups`,
						);
					polls.push({ ...quiet, at: label(time) });
				}
			}
			const byRequests = [...polls].sort((a, b) => a.requests - b.requests);
			const largest = byRequests[byRequests.length - 1];
			const median = byRequests[Math.floor(byRequests.length / 2)];
			rows.push({
				measure: `Trigger appointment events, ${watched.toLocaleString('en')} watched appointments (30 days, weekdays 08:00-18:00): quiet poll, largest / median over ${TIMES_OF_THE_WEEK.length} simulated times of the week`,
				result: `${largest.requests} requests (${largest.at}), ${seconds(largest.ms)} / ${median.requests} requests, ${seconds(median.ms)}; state ${kib(largest.bytes)}`,
				ratio: `${polls.length} polls (${POLLS_AT_EACH_TIME} at each time); first poll ${baseline.requests} requests, ${seconds(baseline.ms)}; ${(largest.bytes / watched).toFixed(0)} bytes an appointment; ${polls.reduce((sum, poll) => sum + poll.limited, 0)} × 429`,
				target: '≤ 10 requests per quiet poll at 15,000, at any hour; ≤ 64 bytes an appointment',
			});
		});
	} finally {
		clock.restore();
	}
}

if (require.main === module) {
	const rows: TriggerRow[] = [];
	triggerBench(rows).then(
		() => console.table(rows),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
