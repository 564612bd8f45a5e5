import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readRequestOptions } from '../parameters/parameters';
import { readDateOfBirthInstant } from '../clients/dateOfBirth';
import { dateInPracticeZone } from '../directory/practiceZone';
import { AMOUNT_PATTERN, centsOfAmount } from '../rules/money';
import {
	checkBoolean,
	checkId,
	checkString,
	invalidParameter,
	toCoreplusDate,
} from '../validation/validation';

/** Payment → Add's values, every one checked before any request. */
export interface PaymentInput {
	invoiceId: string;
	/** Empty: the invoice's only line. */
	lineItemId?: string;
	/** The amount exactly as typed, e.g. "40.50": what coreplus receives. */
	amountText: string;
	cents: number;
	datePaid: string;
	paymentMethodId: string;
	dateBanked?: string;
	paymentNotes?: string;
	allowIdentical: boolean;
	allowAboveOwing: boolean;
	requestSettings: ReturnType<typeof readRequestOptions>;
}

/**
 * The amount as text, exactly as given: not negative, at most 2 decimals. A number from an
 * expression is taken as JavaScript writes it, so 0.1 + 0.2 (0.30000000000000004) is refused,
 * never rounded into a payment nobody typed.
 */
export function readAmount(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const allowed =
		'a non-negative amount with at most 2 decimals and no currency sign or thousands separator, e.g. 40.55';
	const raw = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	const text = checkString(context, itemIndex, raw, { label: 'Amount', required: true })!;
	if (!AMOUNT_PATTERN.test(text))
		throw invalidParameter(context, itemIndex, 'Amount', `"${text}" is not allowed`, allowed);
	return text;
}

/**
 * A date the practice writes as a calendar day (`yyyy-mm-dd`): a plain date or a wall-clock
 * date-time as written; an instant (an offset, or an n8n date such as {{ $now }}) is that day in
 * the practice's zone. Checked before any request; the zone is looked up only for an instant.
 */
function checkedDay(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string) {
	return { date: toCoreplusDate(context, itemIndex, value, label), value };
}

async function settledDay(
	context: IExecuteFunctions,
	itemIndex: number,
	day: { date: string; value: unknown },
	label: string,
): Promise<string> {
	const value = DateTime.isDateTime(day.value) ? day.value.toISO() : day.value;
	const instant = readDateOfBirthInstant(value);
	return instant ? await dateInPracticeZone(context, itemIndex, instant, label) : day.date;
}

/** Reads and checks Add's parameters; the only request it may make is the location list (an instant's day). */
export async function readPaymentInput(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<PaymentInput> {
	const param = (name: string, fallback: unknown = '') =>
		context.getNodeParameter(name, itemIndex, fallback) as unknown;
	const options = param('options', {}) as IDataObject;
	const invoiceId = checkId(context, itemIndex, param('invoiceId'), 'Invoice ID')!;
	const lineItemId = checkId(context, itemIndex, param('lineItemId'), 'Line Item', false);
	const amountText = readAmount(context, itemIndex, param('amount'));
	const paid = checkedDay(context, itemIndex, param('datePaid'), 'Date Paid');
	const paymentMethodId = checkId(
		context,
		itemIndex,
		param('paymentMethodId'),
		'Payment Method ID',
	)!;
	const banked = options.dateBanked
		? checkedDay(context, itemIndex, options.dateBanked, 'Date Banked')
		: undefined;
	const input: PaymentInput = {
		invoiceId,
		lineItemId,
		amountText,
		cents: centsOfAmount(amountText),
		datePaid: paid.date,
		paymentMethodId,
		paymentNotes: checkString(context, itemIndex, options.paymentNotes, { label: 'Notes' }),
		allowIdentical:
			checkBoolean(context, itemIndex, options.allowIdentical, 'Allow Identical Payment') ?? false,
		allowAboveOwing:
			checkBoolean(context, itemIndex, options.allowAboveOwing, 'Allow Amount Above Owing') ??
			false,
		requestSettings: readRequestOptions(context, itemIndex),
	};
	input.datePaid = await settledDay(context, itemIndex, paid, 'Date Paid');
	if (banked) input.dateBanked = await settledDay(context, itemIndex, banked, 'Date Banked');
	return input;
}
