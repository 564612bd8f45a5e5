/*
 * Trigger rows of `npm run bench` (also runnable alone: `npx ts-node --transpile-only --prefer-ts-exts scripts/bench/trigger.ts`).
 * Polls the coreplus Trigger through n8n-core's poll context against the emulator (10 requests/s
 * enforced, 300 ms latency) and reports, per steady-state ("quiet") poll: requests, time, state bytes.
 */
import '../../harness/setup';

import { DateTime } from 'luxon';

import { addClient, bookMany } from '../../emulator/mutations';
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
	return {
		ms: performance.now() - started,
		requests: emulator.requests.length,
		limited: emulator.rateLimitedCount,
		items: outcome.items?.length ?? 0,
		bytes,
	};
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
			const trigger = new PolledWorkflow(
				TRIGGER_TYPE,
				{ events: ['newClient'] },
				{ coreplusApi: emulator.credentials() as never },
			);
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
	for (const watched of [500, 15_000, 50_000]) await appointmentRow(rows, watched);
}

// Polls of one turn of the later days (plan.ts), at most this many.
const MAX_TURN = 40;

/**
 * `watched` appointments spread evenly over the 30-day window from an hour after now; after the
 * first (full) poll, quiet polls until one turn of the later days is done (the state's farCursor
 * is back to none): the largest and the median poll of the turn.
 */
export async function appointmentRow(rows: TriggerRow[], watched: number): Promise<void> {
	await withEmulator({ clients: 240 }, async (emulator) => {
		const first = DateTime.now().plus({ hours: 1 });
		bookMany(emulator.data, watched, first, (29.9 * 24 * 60) / watched);
		const events = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];
		const trigger = new PolledWorkflow(
			TRIGGER_TYPE,
			{ events },
			{ coreplusApi: emulator.credentials() as never },
		);
		const baseline = await measuredPoll(emulator, trigger);
		const turn: Array<Awaited<ReturnType<typeof measuredPoll>>> = [];
		do {
			const quiet = await measuredPoll(emulator, trigger);
			if (quiet.items !== 0) throw new Error(`${quiet.items} items from a quiet poll`);
			turn.push(quiet);
		} while (farCursor(trigger) && turn.length < MAX_TURN);
		const byRequests = [...turn].sort((a, b) => a.requests - b.requests);
		const largest = byRequests[byRequests.length - 1];
		const median = byRequests[Math.floor(byRequests.length / 2)];
		rows.push({
			measure: `Trigger appointment events, ${watched.toLocaleString('en')} watched appointments (30 days): quiet poll, largest / median of one turn`,
			result: `${largest.requests} requests, ${seconds(largest.ms)} / ${median.requests} requests, ${seconds(median.ms)}; state ${kib(largest.bytes)}`,
			ratio: `turn of ${turn.length} poll${turn.length === 1 ? '' : 's'}; first poll ${baseline.requests} requests, ${seconds(baseline.ms)}; ${(largest.bytes / watched).toFixed(0)} bytes an appointment; ${turn.reduce((sum, poll) => sum + poll.limited, 0)} × 429`,
			target: '≤ 10 requests per quiet poll at 15,000; ≤ 64 bytes an appointment',
		});
	});
}

function farCursor(trigger: PolledWorkflow): string | undefined {
	const state = trigger.staticData.coreplusTrigger as { appointments?: { farCursor?: string } };
	return state?.appointments?.farCursor;
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
