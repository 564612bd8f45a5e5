/*
 * Invoice-event rows of `npm run bench` (also alone: `npm run bench -- --only invoiceEvents`).
 * Polls the coreplus Trigger's Invoice Created / Updated / Paid through n8n-core's poll context
 * against the emulator (10 requests/s enforced, 300 ms latency): a quiet poll, a poll that sees one
 * invoice paid in full, the quiet poll after it, and the state the trigger keeps.
 */
import '../../harness/setup';

import { DateTime } from 'luxon';

import type { Row } from '../../emulator/data';
import { owingCents } from '../../emulator/invoices';
import { payInFull } from '../../emulator/mutations';
import type { CoreplusEmulator } from '../../emulator/server';
import { PolledWorkflow } from '../../harness/poll';
import { benchTrigger, kib, measuredPoll, seconds, withEmulator, type TriggerRow } from './trigger';

const EVENTS = ['invoiceCreated', 'invoiceUpdated', 'invoicePaid'];

/**
 * The seed marks today's invoices changed when the emulator starts; a quiet practice changed
 * nothing in the last hour (longer than the trigger's overlap), so no poll re-reads them.
 */
function quietHour(emulator: CoreplusEmulator): void {
	const hourAgo = DateTime.utc().minus({ hours: 1 });
	for (const invoice of emulator.data.invoices)
		if (DateTime.fromISO(String(invoice.updatedAt)) > hourAgo) invoice.updatedAt = hourAgo.toISO();
}

function owingInvoice(emulator: CoreplusEmulator): string {
	const { invoices, payments } = emulator.data;
	const invoice = invoices.find((row) => owingCents(row, payments) > 0);
	if (!invoice) throw new Error('no invoice with something owing in the seed');
	return String(invoice.invoiceId);
}

const requests = (count: number) => `${count} request${count === 1 ? '' : 's'}`;

type Poll = Awaited<ReturnType<typeof measuredPoll>>;

function quietOrThrow(poll: Poll, what: string): Poll {
	if (poll.items !== 0) throw new Error(`${what} emitted ${poll.items} items`);
	return poll;
}

/** What the trigger remembers about invoices: entries of `seen` and `created`. */
function remembered(trigger: PolledWorkflow): number {
	const state = trigger.staticData.coreplusTrigger as {
		invoices?: { seen: object; created: object };
	};
	const watch = state?.invoices;
	return watch ? Object.keys(watch.seen).length + Object.keys(watch.created).length : 0;
}

export async function invoiceEventRow(rows: TriggerRow[], invoices: number): Promise<void> {
	await withEmulator({ invoices }, async (emulator) => {
		quietHour(emulator);
		const trigger = benchTrigger(emulator, { events: EVENTS });
		const first = quietOrThrow(await measuredPoll(emulator, trigger), 'The first poll');
		const quiet = quietOrThrow(await measuredPoll(emulator, trigger), 'A quiet poll');
		payInFull(emulator.data, owingInvoice(emulator));
		const paid = await measuredPoll(emulator, trigger);
		if (paid.items !== 2)
			throw new Error(`One invoice paid emitted ${paid.items} items, not Updated and Paid`);
		const after = quietOrThrow(await measuredPoll(emulator, trigger), 'The quiet poll after it');
		const limited = [first, quiet, paid, after].reduce((sum, poll) => sum + poll.limited, 0);
		rows.push({
			measure: `Trigger invoice events (Created, Updated, Paid), ${invoices.toLocaleString('en')} invoices: quiet poll / poll with one invoice paid / quiet poll after it`,
			result: `${requests(quiet.requests)}, ${seconds(quiet.ms)} / ${requests(paid.requests)}, ${paid.items} items, ${seconds(paid.ms)} / ${requests(after.requests)}, ${seconds(after.ms)}; state ${after.bytes} bytes`,
			ratio: `first poll ${requests(first.requests)}, ${seconds(first.ms)}; ${(after.bytes / invoices).toFixed(3)} bytes an invoice (${remembered(trigger)} remembered, ${kib(after.bytes)}); ${limited} × 429`,
			target: '1 request per quiet poll; state independent of the number of invoices',
		});
	});
}

const BURST = 1_000;
const TEN_MINUTES = 10 * 60 * 1000;

/** The batch and the poll that told it move ten minutes into the past, as if that time had passed. */
function tenMinutesPass(trigger: PolledWorkflow, batch: Row[]): void {
	const state = trigger.staticData.coreplusTrigger as { invoices: { cursor: number } };
	state.invoices.cursor -= TEN_MINUTES;
	const then = DateTime.utc().minus({ milliseconds: TEN_MINUTES }).toISO();
	for (const invoice of batch) invoice.updatedAt = then;
}

/** 1,000 invoices changed in one batch (an end-of-day run): quiet polls re-read it for one overlap only. */
export async function invoiceBurstRow(rows: TriggerRow[], invoices: number): Promise<void> {
	await withEmulator({ invoices }, async (emulator) => {
		quietHour(emulator);
		const trigger = benchTrigger(emulator, { events: EVENTS });
		quietOrThrow(await measuredPoll(emulator, trigger), 'The first poll');
		const batch = emulator.data.invoices.slice(0, BURST);
		const now = DateTime.utc().toISO();
		for (const invoice of batch) invoice.updatedAt = now;
		const told = await measuredPoll(emulator, trigger);
		if (told.items < BURST) throw new Error(`${BURST} changed invoices told ${told.items} events`);
		const within = quietOrThrow(await measuredPoll(emulator, trigger), 'A quiet poll');
		tenMinutesPass(trigger, batch);
		const moved = quietOrThrow(await measuredPoll(emulator, trigger), 'A quiet poll');
		const later = quietOrThrow(await measuredPoll(emulator, trigger), 'A quiet poll');
		rows.push({
			measure: `Trigger invoice events, ${invoices.toLocaleString('en')} invoices, ${BURST.toLocaleString('en')} changed in one batch: the poll that tells them / a quiet poll within the 5-minute overlap / the first and the next quiet poll 10 minutes later`,
			result: `${requests(told.requests)}, ${told.items} items / ${requests(within.requests)} / ${requests(moved.requests)}, then ${requests(later.requests)}, ${seconds(later.ms)}`,
			ratio: `state ${kib(later.bytes)} (${(later.bytes / BURST).toFixed(0)} bytes a changed invoice, until the next change)`,
			target: '1 request per quiet poll once the batch is older than the overlap',
		});
	});
}

export async function invoiceEventsBench(rows: TriggerRow[]): Promise<void> {
	for (const invoices of [1_000, 50_000]) await invoiceEventRow(rows, invoices);
	await invoiceBurstRow(rows, 50_000);
}
