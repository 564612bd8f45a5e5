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

interface TriggerRow {
	measure: string;
	result: string;
	ratio: string;
	target: string;
}

const TRIGGER_TYPE = 'n8n-nodes-coreplus.coreplusTrigger';
const LATENCY_MS = 300;

async function measuredPoll(emulator: CoreplusEmulator, trigger: PolledWorkflow) {
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

async function withEmulator<T>(
	clients: number,
	work: (emulator: CoreplusEmulator) => Promise<T>,
): Promise<T> {
	const emulator = await new CoreplusEmulator({ clients, latencyMs: LATENCY_MS }).start();
	try {
		return await work(emulator);
	} finally {
		await emulator.stop();
	}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function triggerBench(rows: TriggerRow[]): Promise<void> {
	for (const clients of [1_000, 20_000, 100_000]) {
		await withEmulator(clients, async (emulator) => {
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
	for (const watched of [500, 15_000]) {
		await withEmulator(240, async (emulator) => {
			const first = DateTime.now().setZone('Australia/Sydney').plus({ days: 1 }).startOf('day');
			// All inside the 30-day window: 21 days from tomorrow.
			bookMany(emulator.data, watched, first, Math.floor((21 * 24 * 60) / watched));
			const events = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];
			const trigger = new PolledWorkflow(
				TRIGGER_TYPE,
				{ events },
				{ coreplusApi: emulator.credentials() as never },
			);
			await measuredPoll(emulator, trigger);
			const quiet = await measuredPoll(emulator, trigger);
			if (quiet.items !== 0) throw new Error(`${quiet.items} items from a quiet poll`);
			rows.push({
				measure: `Trigger appointment events, ${watched.toLocaleString('en')} watched appointments: quiet poll`,
				result: `${quiet.requests} requests, ${seconds(quiet.ms)}; state ${kib(quiet.bytes)}`,
				ratio: `${(quiet.bytes / watched).toFixed(0)} bytes an appointment; ${quiet.limited} × 429`,
				target: '1 location list + 1 request per 100 appointments; ≤ 64 bytes an appointment',
			});
		});
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
