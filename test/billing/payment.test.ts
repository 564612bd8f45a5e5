import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { Row } from '../../emulator/data';
import type { CoreplusEmulator } from '../../emulator/server';

const env = useEmulator();
let savedPayments: Row[] = [];
beforeEach(() => {
	savedPayments = [...env.emulator.data.payments];
});
afterEach(() => {
	env.emulator.data.payments.splice(0, Infinity, ...savedPayments);
});

/** The seed's third invoice: two lines, nothing paid. The fourth: one line, nothing paid. */
function unpaid(emulator: CoreplusEmulator, lines: 1 | 2): Row {
	return emulator.data.invoices.find(
		(invoice) =>
			(invoice.lineItems as Row[]).length === lines &&
			!emulator.data.payments.some((p) => p.invoiceId === invoice.invoiceId),
	)!;
}

const method = (emulator: CoreplusEmulator) =>
	String(emulator.data.paymentMethods[1].paymentMethodId);

function add(
	emulator: CoreplusEmulator,
	invoice: Row,
	extra: Record<string, unknown> = {},
	run = {},
) {
	return runCoreplus(
		emulator,
		{
			resource: 'payment',
			operation: 'add',
			invoiceId: invoice.invoiceId,
			amount: '10.50',
			datePaid: '2026-04-23',
			paymentMethodId: method(emulator),
			...extra,
		} as never,
		run,
	);
}

const posts = (emulator: CoreplusEmulator) =>
	emulator.apiRequests('payment').filter((r) => r.method === 'POST');

describe('Payment → Add', () => {
	test('sends the amount as typed (text, never a float) on the only line, as documented', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		const result = await add(emulator, invoice, {
			amount: '10.50',
			options: { paymentNotes: 'Card at desk' },
		});
		expect(result.error).toBeUndefined();
		const [sent] = posts(emulator);
		const line = (invoice.lineItems as Row[])[0];
		expect(sent.rawBody.toString()).toContain('"amountPaid":"10.50"');
		expect(sent.json).toEqual({
			invoiceId: invoice.invoiceId,
			payments: [
				{
					lineItemId: line.lineItemId,
					amountPaid: '10.50',
					datePaid: '2026-04-23',
					paymentMethodId: method(emulator),
					paymentNotes: 'Card at desk',
				},
			],
		});
		const [item] = jsonOf(result.output('coreplus'));
		expect(item).toMatchObject({
			recorded: true,
			amountPaid: 10.5,
			amountPaidText: '10.50',
			lineItemId: line.lineItemId,
		});
		expect(typeof item.amountOwing).toBe('number');
	});

	test('an identical payment already recorded is returned with alreadyRecorded, nothing sent', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		expect((await add(emulator, invoice, { amount: '5.00' })).error).toBeUndefined();
		emulator.resetLog();
		const again = await add(emulator, invoice, { amount: '5' });
		expect(again.error).toBeUndefined();
		expect(jsonOf(again.output('coreplus'))[0]).toMatchObject({
			recorded: false,
			alreadyRecorded: true,
		});
		expect(posts(emulator)).toHaveLength(0);
		// Allow Identical Payment sends it.
		const allowed = await add(emulator, invoice, {
			amount: '5.00',
			options: { allowIdentical: true },
		});
		expect(jsonOf(allowed.output('coreplus'))[0]).toMatchObject({ recorded: true });
		expect(posts(emulator)).toHaveLength(1);
		expect(emulator.data.payments.filter((p) => p.invoiceId === invoice.invoiceId)).toHaveLength(2);
	});

	test('a lost answer is settled by reading back: present means made, sent once', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'payment' });
		const result = await add(emulator, invoice);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			recorded: true,
			recoveredAfterLostResponse: true,
		});
		expect(posts(emulator)).toHaveLength(1);
		expect(emulator.data.payments.filter((p) => p.invoiceId === invoice.invoiceId)).toHaveLength(1);
	});

	test('a lost answer that reading back cannot find fails "outcome unknown" and is never re-sent, also by Retry On Fail', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		// The request is lost before coreplus acts: the read-back finds nothing.
		emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'payment' });
		const executionId = `exec-pay-${Date.now()}`;
		const lost = await add(emulator, invoice, {}, { executionId });
		expect(lost.error?.message).toMatch(
			new RegExp(
				`^The payment's outcome is unknown, check invoice ${String(invoice.invoiceNumber)}`,
			),
		);
		expect(posts(emulator)).toHaveLength(1);
		// Retry On Fail runs the node again in the same execution: read back only, never sent.
		const retried = await add(emulator, invoice, {}, { executionId });
		expect(retried.error?.message).toMatch(/outcome is unknown/);
		expect(posts(emulator)).toHaveLength(1);
		expect(emulator.data.payments.filter((p) => p.invoiceId === invoice.invoiceId)).toHaveLength(0);
	});

	test('a lost answer whose read-back fails too is settled on the retry; with Allow Identical Payment a retry never pays twice', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		const allow = { options: { allowIdentical: true } };
		const executionId = `exec-pay-late-${Date.now()}`;
		emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'payment' });
		// The first read (before sending) passes; the read-back after the lost answer fails.
		emulator.injectFault({
			kind: 'status',
			method: 'GET',
			path: 'payment',
			status: 503,
			skip: 1,
			times: 10,
		});
		const lost = await add(emulator, invoice, allow, { executionId });
		expect(lost.error?.message).toMatch(/outcome is unknown.*reading the payments back failed/);
		emulator.clearFaults();
		// Retry On Fail: the payment is found, not sent again.
		const retried = await add(emulator, invoice, allow, { executionId });
		expect(jsonOf(retried.output('coreplus'))[0]).toMatchObject({
			recorded: true,
			recoveredAfterLostResponse: true,
		});
		// Another retry in the same execution (another item failed): recorded already, even with Allow Identical Payment.
		const again = await add(emulator, invoice, allow, { executionId });
		expect(jsonOf(again.output('coreplus'))[0]).toMatchObject({ alreadyRecorded: true });
		expect(posts(emulator)).toHaveLength(1);
		expect(emulator.data.payments.filter((p) => p.invoiceId === invoice.invoiceId)).toHaveLength(1);
	});

	test('Continue On Fail: the lost payment becomes an error item, the next item goes on, nothing sent twice', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'payment' });
		const result = await add(
			emulator,
			invoice,
			{ amount: '={{ $json.amount }}' },
			{
				input: [{ json: { amount: '10.00' } }, { json: { amount: '11.00' } }],
				nodeExtra: { continueOnFail: true },
			},
		);
		const items = jsonOf(result.output('coreplus'));
		expect(items[0].error).toMatch(/outcome is unknown/);
		expect(items[1]).toMatchObject({ recorded: true, amountPaidText: '11.00' });
		expect(posts(emulator)).toHaveLength(2);
	});

	test("a Date Paid given as an instant is that day in the practice's zone", async () => {
		const { emulator } = env;
		// Midnight in Sydney, still the 22nd in UTC and in Perth.
		const result = await add(emulator, unpaid(emulator, 1), { datePaid: '2026-04-22T14:00:00Z' });
		expect(result.error).toBeUndefined();
		expect((posts(emulator)[0].json as { payments: Row[] }).payments[0].datePaid).toBe(
			'2026-04-23',
		);
	});

	test('an amount above what is owing is refused before sending, naming the owing amount', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		const line = (invoice.lineItems as Row[])[0];
		const result = await add(emulator, invoice, { amount: '9999.99' });
		expect(result.error?.message).toBe(
			`Invalid "Amount" in item 0: 9999.99 is more than the ${Number(line.lineAmount).toFixed(2)} owing on invoice ${String(invoice.invoiceNumber)} (${String(invoice.invoiceId)})`,
		);
		expect(posts(emulator)).toHaveLength(0);
		const allowed = await add(emulator, invoice, {
			amount: '9999.99',
			options: { allowAboveOwing: true },
		});
		expect(allowed.error).toBeUndefined();
		expect(posts(emulator)).toHaveLength(1);
	});

	test('an invoice with several lines needs the line chosen; the line picker lists them', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 2);
		const result = await add(emulator, invoice);
		expect(result.error?.message).toMatch(
			/^Invalid "Line Item" in item 0: invoice .* has 2 line items/,
		);
		expect(posts(emulator)).toHaveLength(0);
		const second = (invoice.lineItems as Row[])[1];
		const chosen = await add(emulator, invoice, { lineItemId: second.lineItemId });
		expect(chosen.error).toBeUndefined();
		expect((posts(emulator)[0].json as { payments: Row[] }).payments[0].lineItemId).toBe(
			second.lineItemId,
		);
	});

	test.each<[string | number, string]>([
		['-5', 'negative'],
		['40.555', 'three decimals'],
		['$40', 'a currency sign'],
		['1,000.00', 'a thousands separator'],
		[0.1 + 0.2, 'a float that is not what anybody typed'],
	])('the amount %p (%s) is refused before any request', async (amount) => {
		const { emulator } = env;
		const result = await add(emulator, unpaid(emulator, 1), { amount });
		expect(result.error?.message).toMatch(/^Invalid "Amount" in item 0/);
		expect(emulator.apiRequests()).toHaveLength(0);
	});

	test('refuses to run as an AI tool', async () => {
		const { TestNodeTypes } = await import('../../harness/nodeTypes');
		const { Coreplus } = await import('../../nodes/Coreplus/Coreplus.node');
		const { emulator } = env;
		const result = await add(
			emulator,
			unpaid(emulator, 1),
			{},
			{
				nodeTypes: new TestNodeTypes({ 'n8n-nodes-coreplus.coreplusTool': new Coreplus() }),
				nodeExtra: { type: 'n8n-nodes-coreplus.coreplusTool' },
			},
		);
		expect(result.error?.message).toBe('Payment → Add cannot be used as an AI tool');
		expect(emulator.apiRequests()).toHaveLength(0);
	});
});

describe('Payment → Get Many', () => {
	test('one item per payment: line, amount as number and as sent, date, method name, type', async () => {
		const { emulator } = env;
		const invoice = unpaid(emulator, 1);
		expect((await add(emulator, invoice, { amount: '12.30' })).error).toBeUndefined();
		const result = await runCoreplus(emulator, {
			resource: 'payment',
			operation: 'getMany',
			invoiceId: invoice.invoiceId,
			returnAll: true,
		} as never);
		expect(jsonOf(result.output('coreplus'))).toEqual([
			{
				invoiceId: invoice.invoiceId,
				lineItemId: (invoice.lineItems as Row[])[0].lineItemId,
				amountPaid: 12.3,
				amountPaidText: '12.30',
				datePaid: '2026-04-23',
				paymentMethod: 'EFTPOS',
				type: 'Credit',
				paymentNotes: '',
			},
		]);
		expect(emulator.apiRequests('payment').at(-1)?.query.toString()).toBe(
			`invoiceId=${String(invoice.invoiceId)}`,
		);
	});
});
