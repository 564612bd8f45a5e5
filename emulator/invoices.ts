import { DateTime } from 'luxon';

import { guid, type Row } from './data';
import { EmulatorHttpError } from './http';

/**
 * Invoices and payments as the invoice and payment pages document them
 * (developers.coreplus.com.au/api/api-end-points/invoice/, developers.corepluspm.com/api/api-end-points/payment):
 * line items with numeric amounts, `amountOwing` as text ("50.0"), a lock status, and payments
 * whose amounts are text as sent. `updatedAt` is the emulator's own record of the last change
 * (what `updatedSince` filters on); it is never served.
 */

/** The practice's payment methods (coreplus documents no list of them: ids come from the practice). */
export function seedPaymentMethods(): Row[] {
	return ['Cash', 'EFTPOS', 'Amex', 'Visa'].map((name, index) => ({
		paymentMethodId: guid(9, index + 1),
		name,
	}));
}

const PRODUCTS = [
	{ description: 'Standard Consultation', itemNumber: '10960', cents: 8500 },
	{ description: 'Initial Assessment', itemNumber: '10953', cents: 12050 },
	{ description: 'Theraband (roll)', itemNumber: 'RET-07', cents: 1999 },
];

/** Money is kept in cents: "40.55" is 4055, never a float. */
export function centsOf(text: string): number {
	const [whole, fraction = ''] = text.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** coreplus' text form of an amount: "50.0" for whole amounts (as its example), else two decimals. */
export function moneyText(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	const whole = Math.floor(abs / 100);
	const rest = abs % 100;
	return rest ? `${sign}${whole}.${String(rest).padStart(2, '0')}` : `${sign}${whole}.0`;
}

function lineItem(invoiceIndex: number, line: number) {
	const product = PRODUCTS[(invoiceIndex + line) % PRODUCTS.length];
	const quantity = line === 1 && invoiceIndex % 7 === 0 ? 2 : 1;
	return {
		lineItemId: guid(7, invoiceIndex * 4 + line),
		productId: guid(8, (invoiceIndex + line) % PRODUCTS.length),
		description: product.description,
		itemNumber: product.itemNumber,
		unitAmount: product.cents / 100,
		taxAmount: 0,
		lineAmount: (product.cents * quantity) / 100,
		quantity,
	};
}

/** `count` invoices over the last 60 days (newest first), some paid, some partly paid, some locked. */
export function seedInvoices(
	count: number,
	people: { clients: Row[]; practitioners: Row[]; locations: Row[]; paymentMethods: Row[] },
	today = DateTime.now().setZone('Australia/Sydney').startOf('day'),
): { invoices: Row[]; payments: Row[] } {
	const invoices: Row[] = [];
	const payments: Row[] = [];
	for (let index = 1; index <= count; index++) {
		const generated = today.minus({ days: index % 60 });
		const lines = Array.from({ length: index % 3 === 0 ? 2 : 1 }, (_, line) =>
			lineItem(index, line),
		);
		const invoice: Row = {
			invoiceId: guid(6, index),
			invoiceNumber: `${generated.toFormat('yyMMdd')}-${index}`,
			clientId: people.clients[index % people.clients.length].clientId,
			generatedAt: generated.toISODate(),
			lineItems: lines,
			practitionerId: people.practitioners[index % people.practitioners.length].practitionerId,
			locationId: people.locations[index % people.locations.length].locationId,
			clientGroupId: index % 5 === 0 ? guid(10, 1) : null,
			appointmentId: null,
			locked: index % 4 === 0,
			// Never in the future: today's invoices were last changed when the emulator started.
			updatedAt: DateTime.min(generated.plus({ hours: 12 }), DateTime.now())
				.toUTC()
				.toISO(),
		};
		invoices.push(invoice);
		// Every third invoice paid in full, every fifth partly (its first line, 20.00).
		const paid = index % 3 === 1 ? lines : index % 5 === 0 ? [{ ...lines[0], lineAmount: 20 }] : [];
		for (const line of paid) {
			payments.push({
				invoiceId: invoice.invoiceId,
				lineItemId: line.lineItemId,
				amountPaid: moneyText(Math.round(line.lineAmount * 100)),
				datePaid: generated.toISODate(),
				paymentMethodId:
					people.paymentMethods[index % people.paymentMethods.length].paymentMethodId,
				paymentNotes: '',
				type: 'Credit',
			});
		}
	}
	return { invoices, payments };
}

/** What is still owing on an invoice: its lines less credits, plus refunds, in cents. */
export function owingCents(invoice: Row, payments: Row[]): number {
	const lines = invoice.lineItems as Array<{ lineAmount: number }>;
	const total = lines.reduce((sum, line) => sum + Math.round(line.lineAmount * 100), 0);
	return payments
		.filter((payment) => payment.invoiceId === invoice.invoiceId)
		.reduce((sum, payment) => {
			const cents = centsOf(String(payment.amountPaid));
			return payment.type === 'Refund' ? sum + cents : sum - cents;
		}, total);
}

export function findInvoice(invoices: Row[], invoiceId: string | null): Row {
	const invoice = invoices.find(
		(row) => String(row.invoiceId).toLowerCase() === String(invoiceId).toLowerCase(),
	);
	if (!invoice) throw new EmulatorHttpError(404, `Invoice ${invoiceId} was not found`);
	return invoice;
}
