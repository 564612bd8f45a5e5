import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { RECORDS, readRecord, type RecordRequest } from '../../transport/endpoints';
import type { CoreplusContext } from '../../transport/request';
import { amountFromCoreplus } from '../rules/money';

/** Request settings of a read (item, Request Options, notice); the reads below add the rest. */
export type ReadSettings = Omit<RecordRequest, 'id' | 'query'>;

/** `GET invoice/{id}`: the flat invoice record (optional `get…Id` flags in `query`). */
export async function readInvoice(
	context: CoreplusContext,
	invoiceId: string,
	settings: ReadSettings,
	query?: RecordRequest['query'],
): Promise<IDataObject> {
	return await readRecord(context, RECORDS.invoice, { ...settings, id: invoiceId, query });
}

/** One payment of an invoice, flat: the amount as a number and as coreplus sent it. */
export interface PaymentRow extends IDataObject {
	invoiceId: string;
	lineItemId: string | null;
	amountPaid: number | null;
	amountPaidText: string | null;
	datePaid: string | null;
	paymentMethod: string | null;
	type: string | null;
	paymentNotes: string | null;
}

function unexpected(context: CoreplusContext, what: string, itemIndex?: number) {
	return new NodeOperationError(
		context.getNode(),
		`coreplus answered GET Payment/ in an unexpected shape: ${what}`,
		{
			itemIndex,
			description:
				'The payments page documents { invoiceId, lineItems: [{ lineItemId, payments: [...] }] }. Nothing was done; run "npm run conformance" against this server and report the answer.',
		},
	);
}

const textOrNull = (value: unknown) =>
	value === undefined || value === null ? null : String(value);

function paymentRow(invoiceId: string, lineItemId: unknown, payment: IDataObject): PaymentRow {
	const amount = amountFromCoreplus(payment.amountPaid);
	return {
		invoiceId,
		lineItemId: textOrNull(lineItemId),
		amountPaid: amount ?? null,
		amountPaidText: textOrNull(payment.amountPaid),
		datePaid: textOrNull(payment.datePaid),
		paymentMethod: textOrNull(payment.paymentMethod),
		type: textOrNull(payment.type),
		paymentNotes: textOrNull(payment.paymentNotes),
	};
}

/**
 * `GET Payment/?invoiceId=`: every payment of the invoice, one row each, in coreplus' order. An
 * answer whose lines or payments are not lists is refused loudly: the duplicate-payment check
 * must never read "no payments" from an answer it did not understand.
 */
export async function readPayments(
	context: CoreplusContext,
	invoiceId: string,
	settings: ReadSettings,
): Promise<PaymentRow[]> {
	const answer = await readRecord(context, RECORDS.invoicePayments, {
		...settings,
		query: { invoiceId },
	});
	const lines = answer.lineItems ?? [];
	if (!Array.isArray(lines))
		throw unexpected(context, 'lineItems is not a list', settings.itemIndex);
	return (lines as IDataObject[]).flatMap((line) => {
		const payments = line?.payments ?? [];
		if (!Array.isArray(payments))
			throw unexpected(context, "a line item's payments is not a list", settings.itemIndex);
		return (payments as IDataObject[]).map((payment) =>
			paymentRow(invoiceId, line.lineItemId, payment),
		);
	});
}
