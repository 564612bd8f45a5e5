import type { PaymentRow } from './invoiceReads';
import { centsFromCoreplus } from '../rules/money';

/** What makes two payments the same: line, amount, day, method and notes. */
export interface PaymentKey {
	lineItemId: string;
	cents: number;
	datePaid: string;
	paymentMethodId: string;
	paymentNotes?: string;
}

const notes = (text: string | null | undefined) => (text ?? '').trim();

/**
 * Whether a recorded payment is the one about to be sent. coreplus' payment list names the method
 * (`paymentMethod: "Amex"`), not its id, so a row without a `paymentMethodId` matches whatever the
 * method: a second payment with the same line, amount, day and notes by another method is then
 * taken as recorded (Allow Identical Payment sends it anyway). Only credits count: a refund of the
 * same amount is not that payment.
 */
export function isSamePayment(row: PaymentRow, key: PaymentKey): boolean {
	const method = row.paymentMethodId;
	return (
		row.lineItemId?.toLowerCase() === key.lineItemId.toLowerCase() &&
		(row.type ?? 'Credit').toLowerCase() !== 'refund' &&
		centsFromCoreplus(row.amountPaidText) === key.cents &&
		(row.datePaid ?? '').slice(0, 10) === key.datePaid &&
		(typeof method !== 'string' || method.toLowerCase() === key.paymentMethodId.toLowerCase()) &&
		notes(row.paymentNotes) === notes(key.paymentNotes)
	);
}

export function countSame(rows: PaymentRow[], key: PaymentKey): number {
	return rows.filter((row) => isSamePayment(row, key)).length;
}
