import { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { LISTS, RECORDS, readPage, readRecord } from '../../nodes/Coreplus/transport/endpoints';
import { readPayments } from '../../nodes/Coreplus/helpers/payment/invoiceReads';
import { check, type CheckRow } from './checks';
import { row, step } from './nodeStep';
import type { ProbeContext } from './probeContext';

/**
 * The invoice and payment rows of `npm run conformance`, each naming the official page it checks
 * (developers.coreplus.com.au/api/api-end-points/invoice/…, developers.corepluspm.com/api/api-end-points/payment-2/…).
 */
const PAGES = {
	list: 'documented: Get list of invoices',
	one: 'documented: Get a invoice record',
	payments: 'documented: Get payment',
	add: 'documented: Add payment for an invoice',
} as const;

function listRow(
	probe: ProbeContext,
	label: string,
	query: IDataObject,
	judge: (rows: IDataObject[], total?: number) => { node: string; fails?: boolean },
) {
	return check(
		probe,
		label,
		() =>
			readPage(probe.context, LISTS.invoice, 1, 100, {
				query: query as never,
				maxRetries: 1,
				notice: probe.notice,
			}),
		(page) => judge(page.rows, page.totalRows),
	);
}

/** The read-only rows: the list, `Field`, `updatedSince`, one invoice and its payments. */
export async function invoiceRows(probe: ProbeContext): Promise<CheckRow[]> {
	const list = await listRow(probe, `GET invoice/ (${PAGES.list})`, {}, (rows, total) => ({
		node: `reads ${rows.length} invoice(s) on page 1, totalRows ${String(total)}`,
		fails: rows.length > 0 && rows[0].invoiceId === undefined,
	}));
	const sparse = await listRow(
		probe,
		`GET invoice/?Field=invoiceNumber&Field=amountOwing (${PAGES.list})`,
		{ Field: ['invoiceNumber', 'amountOwing'] },
		(rows) => ({
			node: rows.length ? `rows carry ${Object.keys(rows[0]).join(', ')}` : 'no invoice to look at',
			fails: rows.length > 0 && rows[0].amountOwing === undefined,
		}),
	);
	// The documented form, its + sent as %2B: a server reading it as a space would refuse or ignore it.
	const since = DateTime.now()
		.setZone('Australia/Sydney')
		.minus({ days: 30 })
		.toFormat('yyyy-MM-dd HH:mm:ssZZZ');
	const changed = await listRow(
		probe,
		`GET invoice/?updatedSince=${since} (${PAGES.list})`,
		{ updatedSince: since },
		(rows, total) => ({
			node: `accepted; ${String(total ?? rows.length)} invoice(s) changed in the last 30 days`,
		}),
	);
	const rows = [list.row, sparse.row, changed.row];
	const invoiceId = list.value?.rows.find((invoice) => invoice.invoiceId)?.invoiceId as
		string | undefined;
	if (!invoiceId) {
		const skipped = (endpoint: string): CheckRow => ({
			endpoint,
			status: '-',
			keys: '-',
			verdict: 'skipped',
			node: 'no invoice to read',
		});
		return [
			...rows,
			skipped(`GET invoice/{id} (${PAGES.one})`),
			skipped(`GET Payment/?invoiceId= (${PAGES.payments})`),
		];
	}
	const one = await check(
		probe,
		`GET invoice/{id} (${PAGES.one})`,
		() =>
			readRecord(probe.context, RECORDS.invoice, {
				id: invoiceId,
				maxRetries: 1,
				notice: probe.notice,
			}),
		(invoice) => ({
			node: `reads invoice ${String(invoice.invoiceNumber)} flat, amountOwing ${JSON.stringify(invoice.amountOwing)}`,
			fails: invoice.amountOwing === undefined || !Array.isArray(invoice.lineItems),
		}),
	);
	const payments = await check(
		probe,
		`GET Payment/?invoiceId= (${PAGES.payments})`,
		() => readPayments(probe.context, invoiceId, { maxRetries: 1, notice: probe.notice }),
		(found) => ({ node: `reads ${found.length} payment(s) of that invoice` }),
	);
	return [...rows, one.row, payments.row];
}

export interface PaySpec {
	invoiceId: string;
	lineItemId: string;
	paymentMethodId: string;
	amount: string;
}

/** `INVOICE:LINE:METHOD:AMOUNT` (LINE may be empty: the invoice's only line). */
export function parsePaySpec(text: string): PaySpec | undefined {
	const match = /^([\w-]+):([\w-]*):([\w-]+):(\d+(?:\.\d{1,2})?)$/.exec(text);
	return match
		? { invoiceId: match[1], lineItemId: match[2], paymentMethodId: match[3], amount: match[4] }
		: undefined;
}

const PAY = `POST Payment/ (--pay; ${PAGES.add})`;

/**
 * `--pay`: records ONE payment through Payment → Add (today, in the practice's zone) and reads the
 * invoice's payments back. An identical payment already there is reported, not paid again.
 */
export async function payAndReadBack(
	credentials: ICredentialDataDecryptedObject,
	spec: PaySpec,
): Promise<CheckRow[]> {
	try {
		const paid = await step(credentials, {
			resource: 'payment',
			operation: 'add',
			invoiceId: spec.invoiceId,
			lineItemId: spec.lineItemId,
			amount: spec.amount,
			datePaid: '={{ $today }}',
			paymentMethodId: spec.paymentMethodId,
			options: { paymentNotes: 'n8n coreplus conformance check' },
		});
		const item = paid.items[0];
		const done = item?.alreadyRecorded
			? 'an identical payment was already recorded: nothing sent'
			: `recorded ${String(item?.amountPaidText)} on line ${String(item?.lineItemId)}`;
		const rows = [row(PAY, { node: done, hints: paid.hints })];
		const readBack = await step(credentials, {
			resource: 'payment',
			operation: 'getMany',
			invoiceId: spec.invoiceId,
			returnAll: true,
		});
		const found = readBack.items.some(
			(payment) =>
				payment.lineItemId === item?.lineItemId &&
				payment.amountPaid === Number(spec.amount) &&
				payment.datePaid === item?.datePaid,
		);
		rows.push(
			row(`GET Payment/?invoiceId= read back (${PAGES.payments})`, {
				node: found
					? "the payment is among the invoice's payments: same line, amount and day"
					: `not found among ${readBack.items.length} payment(s)`,
				hints: readBack.hints,
				fails: !found,
			}),
		);
		return rows;
	} catch (error) {
		return [row(PAY, { node: `fails: ${(error as Error).message}`, fails: true })];
	}
}
