import { DateTime } from 'luxon';

import type { Row } from '../../emulator/data';
import { owingCents } from '../../emulator/invoices';
import { payInFull } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, fakeDateOnly, pollOk } from './helpers';

const env = useEmulator();
const invoiceRequests = () => env.emulator.apiRequests('invoice');

function invoiceTrigger(events = ['invoiceCreated', 'invoiceUpdated', 'invoicePaid']) {
	return activeTrigger(env.emulator, { events });
}

/** What the practice does in coreplus: the invoice's update time moves to now. */
function touch(invoice: Row): void {
	invoice.updatedAt = DateTime.utc().toISO();
}

function newInvoice(): Row {
	const { data } = env.emulator;
	const template = data.invoices[1];
	const invoice: Row = {
		...template,
		invoiceId: `new-invoice-${data.invoices.length + 1}`,
		invoiceNumber: `NEW-${data.invoices.length + 1}`,
		generatedAt: DateTime.now().setZone('Australia/Sydney').toISODate(),
	};
	touch(invoice);
	data.invoices.push(invoice);
	return invoice;
}

const summary = (items: Array<Record<string, unknown>> | null) =>
	(items ?? []).map((item) => `${String(item.event)}:${String(item.invoiceId)}`);

test('the first poll is silent (one request); a quiet poll is one request and leaves the state alone', async () => {
	const trigger = invoiceTrigger();
	expect(await pollOk(trigger)).toBeNull();
	expect(invoiceRequests()).toHaveLength(1);
	const stored = trigger.staticData.coreplusTrigger;
	for (let poll = 0; poll < 3; poll++) expect(await pollOk(trigger)).toBeNull();
	expect(invoiceRequests()).toHaveLength(4);
	const [, request] = invoiceRequests();
	// The documented form, its + URL-encoded.
	expect(request.url).toMatch(/updatedSince=\d{4}-\d{2}-\d{2}%20\d{2}%3A\d{2}%3A\d{2}%2B0000/);
	expect(trigger.staticData.coreplusTrigger).toBe(stored);
});

test('a new invoice is Created once; a payment in full is Updated and Paid once; the overlap never repeats them', async () => {
	const { emulator } = env;
	const trigger = invoiceTrigger();
	expect(await pollOk(trigger)).toBeNull();
	const created = newInvoice();
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([`invoiceCreated:${String(created.invoiceId)}`]);
	expect(String(items![0].eventId)).toMatch(
		new RegExp(`^${String(created.invoiceId)}:invoiceCreated:\\S+$`),
	);
	expect(await pollOk(trigger)).toBeNull();

	payInFull(emulator.data, String(created.invoiceId));
	expect(owingCents(created, emulator.data.payments)).toBe(0);
	const paid = await pollOk(trigger);
	expect(summary(paid)).toEqual([
		`invoiceUpdated:${String(created.invoiceId)}`,
		`invoicePaid:${String(created.invoiceId)}`,
	]);
	expect(paid![1]).toMatchObject({ amountOwing: 0 });
	expect(String(paid![1].eventId)).toMatch(
		new RegExp(`^${String(created.invoiceId)}:invoicePaid:`),
	);
	expect(await pollOk(trigger)).toBeNull();

	// An older invoice changed: Updated, not Created.
	const old = emulator.data.invoices[40];
	touch(old);
	expect(summary(await pollOk(trigger))).toEqual([`invoiceUpdated:${String(old.invoiceId)}`]);
});

test('only the chosen events are delivered', async () => {
	const trigger = invoiceTrigger(['invoicePaid']);
	expect(await pollOk(trigger)).toBeNull();
	newInvoice();
	expect(await pollOk(trigger)).toBeNull();
});

test('Fetch Test Event gives an invoice shaped like the event, the memory untouched', async () => {
	const trigger = invoiceTrigger(['invoicePaid']);
	const outcome = await trigger.poll('manual');
	expect(outcome.error).toBeUndefined();
	const [item] = outcome.items!;
	expect(item).toMatchObject({ event: 'invoicePaid', invoiceId: expect.any(String) });
	expect(String(item.eventId)).toMatch(new RegExp(`^${String(item.invoiceId)}:invoicePaid:\\S+$`));
	expect(trigger.staticData.coreplusTrigger).toBeUndefined();
});

test("a change at the cursor's very instant is told once, whether the poll at that instant saw it or not", async () => {
	// A whole second, and a clock that stands still: the cursor is exactly the poll's instant.
	const start = Math.ceil(Date.now() / 1000) * 1000 + 60 * 60 * 1000;
	fakeDateOnly(start, true);
	try {
		const trigger = invoiceTrigger(['invoiceUpdated']);
		expect(await pollOk(trigger)).toBeNull();
		const [seenThen, committedLate] = [
			env.emulator.data.invoices[3],
			env.emulator.data.invoices[4],
		];
		// The next poll happens at `cursor` and sees one change made at that very instant.
		const cursor = start + 60_000;
		jest.setSystemTime(cursor);
		seenThen.updatedAt = DateTime.fromMillis(cursor, { zone: 'utc' }).toISO();
		expect(summary(await pollOk(trigger))).toEqual([
			`invoiceUpdated:${String(seenThen.invoiceId)}`,
		]);
		// Another change of that same instant, committed too late for that poll to see it.
		committedLate.updatedAt = DateTime.fromMillis(cursor, { zone: 'utc' }).toISO();
		jest.setSystemTime(cursor + 60_000);
		expect(summary(await pollOk(trigger))).toEqual([
			`invoiceUpdated:${String(committedLate.invoiceId)}`,
		]);
		jest.setSystemTime(cursor + 120_000);
		expect(await pollOk(trigger)).toBeNull();
	} finally {
		jest.useRealTimers();
	}
});

test('a burst of changes is re-read within the overlap only, not by every quiet poll until the next change', async () => {
	const { emulator } = env;
	const trigger = invoiceTrigger();
	expect(await pollOk(trigger)).toBeNull();
	emulator.pageSizeCap = 20; // 60 changed invoices take 3 pages
	try {
		const burst = emulator.data.invoices.slice(0, 60);
		burst.forEach(touch);
		expect((await pollOk(trigger))!.length).toBeGreaterThanOrEqual(60);
		// Ten minutes pass: the burst and the poll that told it move ten minutes into the past.
		const tenMinutes = 10 * 60 * 1000;
		const stored = trigger.staticData.coreplusTrigger as { invoices: { cursor: number } };
		stored.invoices.cursor -= tenMinutes;
		const then = DateTime.utc().minus({ milliseconds: tenMinutes }).toISO();
		for (const invoice of burst) invoice.updatedAt = then;
		expect(await pollOk(trigger)).toBeNull(); // reads the burst once more, tells nothing
		emulator.resetLog();
		expect(await pollOk(trigger)).toBeNull();
		expect(invoiceRequests()).toHaveLength(1);
	} finally {
		emulator.pageSizeCap = undefined;
	}
});
