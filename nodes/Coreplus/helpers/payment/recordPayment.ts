import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { sendWrite, WRITES } from '../../transport/endpoints';
import { noticeFor } from '../output/notices';
import { amountFromCoreplus, centsFromCoreplus, centsText, fromCents } from '../rules/money';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { asNodeError } from '../validation/errors';
import { invalidParameter } from '../validation/validation';
import { readInvoice, readPayments, type PaymentRow, type ReadSettings } from './invoiceReads';
import type { PaymentInput } from './paymentInput';
import { countSame, type PaymentKey } from './samePayment';
import { recallWrite, rememberWrite, type WriteFate } from '../rules/writeFates';

/** A payment's key in this execution's memory of writes (writeFates.ts). */
const paymentWrite = (invoiceId: string, key: PaymentKey) => [
	'payment',
	invoiceId.toLowerCase(),
	key,
];

/** The fate of a payment whose answer was lost: `before` identical payments were there before sending. */
type PaymentFate = WriteFate<{ before: number }>;

function recallPayment(
	context: IExecuteFunctions,
	itemIndex: number,
	invoiceId: string,
	key: PaymentKey,
) {
	return recallWrite<{ before: number }>(context, itemIndex, paymentWrite(invoiceId, key));
}

function rememberPayment(
	context: IExecuteFunctions,
	itemIndex: number,
	invoiceId: string,
	key: PaymentKey,
	fate: PaymentFate,
): void {
	rememberWrite(context, itemIndex, paymentWrite(invoiceId, key), fate);
}

/** One Add being carried out: the item, its values, and what was read before sending. */
interface PaymentRun {
	context: IExecuteFunctions;
	itemIndex: number;
	input: PaymentInput;
	settings: ReadSettings;
	invoice: IDataObject;
	key: PaymentKey;
	/** Identical payments on the invoice before sending. */
	before: number;
}

function invoiceName(run: Pick<PaymentRun, 'invoice' | 'input'>): string {
	const number = run.invoice.invoiceNumber;
	return typeof number === 'string' && number
		? `${number} (${run.input.invoiceId})`
		: run.input.invoiceId;
}

/** The line paid: the one named (it must be on the invoice), else the invoice's only line. */
function lineOf(
	context: IExecuteFunctions,
	itemIndex: number,
	input: PaymentInput,
	invoice: IDataObject,
) {
	const lines = Array.isArray(invoice.lineItems) ? (invoice.lineItems as IDataObject[]) : [];
	const ids = lines.map((line) => String(line.lineItemId));
	const listed = lines.map(
		(line) => `${String(line.lineItemId)} (${String(line.description ?? '')})`,
	);
	const invoiceLabel = invoiceName({ invoice, input });
	if (input.lineItemId) {
		if (ids.some((id) => id.toLowerCase() === input.lineItemId!.toLowerCase()))
			return input.lineItemId;
		throw invalidParameter(
			context,
			itemIndex,
			'Line Item',
			`invoice ${invoiceLabel} has no line ${input.lineItemId}`,
			`one of its lines: ${listed.join(', ')}`,
		);
	}
	if (ids.length === 1) return ids[0];
	throw invalidParameter(
		context,
		itemIndex,
		'Line Item',
		`invoice ${invoiceLabel} has ${ids.length} line items, so the line must be chosen`,
		ids.length ? `one of its lines: ${listed.join(', ')}` : 'an invoice with a line item',
	);
}

/** An amount above what is owing is refused before sending, unless the option allows it. */
function checkOwing(run: PaymentRun): void {
	const { context, itemIndex, input, invoice } = run;
	if (input.allowAboveOwing) return;
	const owing = centsFromCoreplus(invoice.amountOwing);
	const allowed = `at most the amount owing, or turn on Allow Amount Above Owing`;
	if (owing === undefined)
		throw invalidParameter(
			context,
			itemIndex,
			'Amount',
			`coreplus sent the amount owing on invoice ${invoiceName(run)} as ${JSON.stringify(invoice.amountOwing)}, so the node cannot check ${input.amountText} against it`,
			allowed,
		);
	if (input.cents > owing)
		throw invalidParameter(
			context,
			itemIndex,
			'Amount',
			`${input.amountText} is more than the ${centsText(owing)} owing on invoice ${invoiceName(run)}`,
			allowed,
		);
}

function body(input: PaymentInput, lineItemId: string): IDataObject {
	const payment: IDataObject = {
		lineItemId,
		// Text, exactly as typed: never through a float.
		amountPaid: input.amountText,
		datePaid: input.datePaid,
		paymentMethodId: input.paymentMethodId,
	};
	if (input.dateBanked) payment.dateBanked = input.dateBanked;
	if (input.paymentNotes) payment.paymentNotes = input.paymentNotes;
	return { invoiceId: input.invoiceId, payments: [payment] };
}

/** The item: the payment as sent, how it was settled, and what is owing afterwards when known. */
function result(run: PaymentRun, how: IDataObject, owingAfter: unknown): IDataObject {
	const { input, key } = run;
	const owing = amountFromCoreplus(owingAfter);
	return {
		invoiceId: input.invoiceId,
		invoiceNumber: run.invoice.invoiceNumber ?? null,
		lineItemId: key.lineItemId,
		amountPaid: fromCents(input.cents),
		amountPaidText: input.amountText,
		datePaid: input.datePaid,
		paymentMethodId: input.paymentMethodId,
		paymentNotes: input.paymentNotes ?? null,
		dateBanked: input.dateBanked ?? null,
		...how,
		amountOwing: owing ?? null,
		amountOwingText: owing === undefined ? null : String(owingAfter),
	};
}

/** The payment's answer was lost and reading back did not find it: never re-sent, the user checks. */
function outcomeUnknown(run: PaymentRun, reason: string): NodeOperationError {
	const { input } = run;
	return new NodeOperationError(
		run.context.getNode(),
		`The payment's outcome is unknown, check invoice ${invoiceName(run)}: ${input.amountText} on line ${run.key.lineItemId}, paid ${input.datePaid}. ${reason}`,
		{
			itemIndex: run.itemIndex,
			description:
				"coreplus may have recorded this payment. It was not sent again. Look at the invoice's payments in coreplus (or Payment → Get Many) before paying it again: running the node again reads them first and does not pay twice while the payment is there.",
		},
	);
}

/** After a lost answer: the invoice's payments are read again; one more identical payment than before is ours. */
async function settleByReadingBack(run: PaymentRun, lostReason: string): Promise<IDataObject> {
	let after: PaymentRow[];
	try {
		after = await readPayments(run.context, run.input.invoiceId, run.settings);
	} catch (error) {
		rememberPayment(run.context, run.itemIndex, run.input.invoiceId, run.key, {
			state: 'unknown',
			before: run.before,
		});
		throw outcomeUnknown(
			run,
			`Its answer was lost (${lostReason}) and reading the payments back failed (${(error as Error).message}).`,
		);
	}
	if (countSame(after, run.key) > run.before) {
		rememberPayment(run.context, run.itemIndex, run.input.invoiceId, run.key, { state: 'done' });
		return result(run, { recorded: true, recoveredAfterLostResponse: true }, undefined);
	}
	rememberPayment(run.context, run.itemIndex, run.input.invoiceId, run.key, {
		state: 'unknown',
		before: run.before,
	});
	throw outcomeUnknown(
		run,
		`Its answer was lost (${lostReason}) and the payment is not among the invoice's payments yet.`,
	);
}

async function send(run: PaymentRun): Promise<IDataObject> {
	const { context, itemIndex, input } = run;
	try {
		const answer = await sendWrite(context, WRITES.addPayment, {
			body: body(input, run.key.lineItemId),
			itemIndex,
			notice: noticeFor(context),
			...input.requestSettings,
		});
		rememberPayment(context, itemIndex, input.invoiceId, run.key, { state: 'done' });
		const owing = (answer as IDataObject | undefined)?.amountOwing;
		return result(run, { recorded: true }, owing);
	} catch (error) {
		if (!writeOutcomeUnknown(error)) throw asNodeError(context.getNode(), error, itemIndex);
		return await settleByReadingBack(run, (error as Error).message);
	}
}

/**
 * Payment → Add, never a second payment by accident: the invoice and its payments are read first;
 * an identical payment already recorded is returned (`alreadyRecorded`) and nothing is sent, unless
 * Allow Identical Payment is on; an amount above what is owing is refused; a lost answer is settled
 * by reading back, never by sending again (writeFates.ts keeps that across Retry On Fail).
 */
export async function recordPayment(
	context: IExecuteFunctions,
	itemIndex: number,
	input: PaymentInput,
): Promise<IDataObject> {
	const settings: ReadSettings = {
		itemIndex,
		notice: noticeFor(context),
		...input.requestSettings,
	};
	const invoice = await readInvoice(context, input.invoiceId, settings);
	const key: PaymentKey = {
		lineItemId: lineOf(context, itemIndex, input, invoice),
		cents: input.cents,
		datePaid: input.datePaid,
		paymentMethodId: input.paymentMethodId,
		paymentNotes: input.paymentNotes,
	};
	const rows = await readPayments(context, input.invoiceId, settings);
	const run: PaymentRun = {
		context,
		itemIndex,
		input,
		settings,
		invoice,
		key,
		before: countSame(rows, key),
	};
	const fate = recallPayment(context, itemIndex, input.invoiceId, key);
	if (fate?.state === 'done')
		return result(run, { recorded: false, alreadyRecorded: true }, invoice.amountOwing);
	if (fate?.state === 'unknown') {
		// A retry of a payment whose answer was lost: only reading back settles it.
		if (run.before > fate.before) {
			rememberPayment(context, itemIndex, input.invoiceId, key, { state: 'done' });
			return result(run, { recorded: true, recoveredAfterLostResponse: true }, invoice.amountOwing);
		}
		throw outcomeUnknown(
			{ ...run, before: fate.before },
			"Its answer was lost earlier in this execution and the payment is still not among the invoice's payments.",
		);
	}
	if (run.before > 0 && !input.allowIdentical)
		return result(run, { recorded: false, alreadyRecorded: true }, invoice.amountOwing);
	checkOwing(run);
	return await send(run);
}
