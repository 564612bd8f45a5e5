import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { INVOICE_FIELDS } from '../Coreplus/helpers/parameters/invoiceOptions';
import { amountFromCoreplus } from '../Coreplus/helpers/rules/money';
import { noticeFor } from '../Coreplus/helpers/output/notices';
import { LISTS, readList, readPage } from '../Coreplus/transport/endpoints';
import type { CoreplusContext } from '../Coreplus/transport/request';
import { shortDigest } from './digest';
import type { EmittedEvent, InvoiceWatch, TriggerEvent } from './types';

/**
 * Invoice Created, Updated and Paid from coreplus' one documented change filter, `updatedSince`
 * (docs/coreplus-api.md, Invoice). Each poll asks for the invoices changed since the last poll
 * that saw a change, less an overlap (`OVERLAP_MS`) that absorbs a clock difference and changes
 * committed late; the invoices the previous emitting poll saw are remembered by a digest of their
 * fields, so the overlap never tells a change twice. A quiet poll is one request and leaves the
 * stored state untouched (after a burst of changes, one request per 100 changed invoices for one
 * overlap, then one rewrite of the cursor: `afterQuietPoll`). The first poll records the moment and the invoices of its overlap, and
 * tells nothing.
 *
 * Which event: coreplus gives no creation time, only `generatedAt` (a day). An invoice not told
 * before whose day is on or after the day the cursor stood on (a day earlier, for zones ahead of
 * UTC) is Created; any other change is Updated. Paid: nothing owing now, where the invoice was
 * owing (or unknown) before; an invoice changed after being paid is Paid again only if something
 * became owing in between. `created` remembers the ids told as Created for two days.
 */
export const INVOICE_EVENTS: TriggerEvent[] = ['invoiceCreated', 'invoiceUpdated', 'invoicePaid'];

const OVERLAP_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const CREATED_KEPT_DAYS = 2;
const DIGEST_CHARS = 10;

function digestOf(row: IDataObject): string {
	const owing = amountFromCoreplus(row.amountOwing);
	return `${shortDigest(JSON.stringify(row), DIGEST_CHARS)}${owing !== undefined && owing <= 0 ? '0' : '+'}`;
}

/** The documented form `2017-06-30 14:18:00+1000`, here in UTC (`+0000`): no location read is needed. */
function updatedSinceOf(cursor: number): string {
	return DateTime.fromMillis(cursor - OVERLAP_MS, { zone: 'utc' }).toFormat(
		'yyyy-MM-dd HH:mm:ssZZZ',
	);
}

const QUERY = { Field: [...INVOICE_FIELDS], getPractitionerId: true };

function invoiceEvent(event: TriggerEvent, row: IDataObject, digest: string): EmittedEvent {
	const id = String(row.invoiceId);
	return {
		event,
		// The digest names the change: an invoice paid, owing again and paid again is told twice.
		eventId: `${id}:${event}:${digest}`,
		invoiceId: id,
		invoiceNumber: (row.invoiceNumber as string | undefined) ?? null,
		amountOwing: amountFromCoreplus(row.amountOwing) ?? null,
		record: row,
	};
}

function eventsOf(
	row: IDataObject,
	previous: InvoiceWatch,
	digest: string,
	createdFrom: string,
): EmittedEvent[] {
	const id = String(row.invoiceId);
	const before = previous.seen[id];
	if (before === digest) return []; // Told already: seen in the overlap.
	const isNew =
		before === undefined &&
		!(id in previous.created) &&
		typeof row.generatedAt === 'string' &&
		row.generatedAt.slice(0, 10) >= createdFrom;
	const events = [invoiceEvent(isNew ? 'invoiceCreated' : 'invoiceUpdated', row, digest)];
	const paidNow = digest.endsWith('0');
	if (paidNow && !before?.endsWith('0')) events.push(invoiceEvent('invoicePaid', row, digest));
	return events;
}

/**
 * A quiet poll keeps the memory as it is (nothing rewritten), unless it re-read changes from before
 * the overlap: then the cursor moves to now, so that a burst of changes is re-read for one overlap
 * and not by every quiet poll until the next change. `seen` (what it read, all told) is what the
 * next poll's overlap can return.
 */
function afterQuietPoll(
	previous: InvoiceWatch,
	seen: Record<string, string>,
	now: number,
): InvoiceWatch {
	const stale = now - previous.cursor > OVERLAP_MS && Object.keys(seen).length > 0;
	return stale ? { ...previous, cursor: now, seen } : previous;
}

/** One poll of the invoice events: the events and what to remember (the same object when nothing changed). */
export async function pollInvoices(
	context: CoreplusContext,
	previous: InvoiceWatch | undefined,
	now: number,
): Promise<{ events: EmittedEvent[]; next: InvoiceWatch }> {
	const query = { ...QUERY, updatedSince: updatedSinceOf(previous?.cursor ?? now) };
	const rows = await readList(context, LISTS.invoice, { query, notice: noticeFor(context) });
	// The first poll tells nothing: it records the invoices of the overlap, which the next one re-reads.
	if (!previous) {
		const seen = Object.fromEntries(rows.map((row) => [String(row.invoiceId), digestOf(row)]));
		return { events: [], next: { cursor: now, seen, created: {} } };
	}
	const createdFrom = DateTime.fromMillis(previous.cursor - DAY_MS, { zone: 'utc' }).toISODate()!;
	const seen: Record<string, string> = {};
	const events: EmittedEvent[] = [];
	for (const row of rows) {
		if (typeof row.invoiceId !== 'string' || !row.invoiceId) continue;
		const digest = digestOf(row);
		seen[row.invoiceId] = digest;
		events.push(...eventsOf(row, previous, digest, createdFrom));
	}
	if (!events.length) return { events, next: afterQuietPoll(previous, seen, now) };
	const keepFrom = DateTime.fromMillis(now - CREATED_KEPT_DAYS * DAY_MS, {
		zone: 'utc',
	}).toISODate()!;
	const created = Object.fromEntries(
		Object.entries(previous.created).filter(([, day]) => day >= keepFrom),
	);
	for (const event of events)
		if (event.event === 'invoiceCreated')
			created[String(event.invoiceId)] = String(event.record.generatedAt).slice(0, 10);
	return { events, next: { cursor: now, seen, created } };
}

/** Fetch Test Event: the first invoice coreplus lists, shaped like the event asked for. */
export async function sampleInvoiceEvent(
	context: CoreplusContext,
	event: TriggerEvent,
): Promise<EmittedEvent | undefined> {
	const page = await readPage(context, LISTS.invoice, 1, 1, {
		query: QUERY,
		notice: noticeFor(context),
	});
	const [row] = page.rows;
	return row ? invoiceEvent(event, row, digestOf(row)) : undefined;
}
