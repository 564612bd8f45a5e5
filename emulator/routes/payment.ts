import { DateTime } from 'luxon';

import { bodyDate, bodyString, jsonObject } from '../bodyFields';
import type { EmulatorData, Row } from '../data';
import { EmulatorHttpError } from '../http';
import { findInvoice } from '../invoices';
import { invoiceRecord } from './invoice';
import type { Route } from './types';

/**
 * `GET Payment/?invoiceId=` and `POST Payment/` as documented
 * (developers.corepluspm.com/api/api-end-points/payment-2/get-payment and …/payment): payments by
 * line item, amounts as text, the method by name; a new payment is validated as the page says
 * (`amountPaid` a non-negative number with at most 2 decimals) and kept as sent.
 */
const AMOUNT = /^\d+(\.\d{1,2})?$/;

function paymentsOf(data: EmulatorData, invoice: Row) {
	const methodName = (id: unknown) =>
		data.paymentMethods.find((method) => method.paymentMethodId === id)?.name ?? null;
	return {
		invoiceId: invoice.invoiceId,
		lineItems: (invoice.lineItems as Row[]).map((line) => ({
			lineItemId: line.lineItemId,
			payments: data.payments
				.filter((p) => p.invoiceId === invoice.invoiceId && p.lineItemId === line.lineItemId)
				.map((p) => ({
					amountPaid: p.amountPaid,
					datePaid: p.datePaid,
					paymentMethod: methodName(p.paymentMethodId),
					paymentNotes: p.paymentNotes ?? '',
					type: p.type,
				})),
		})),
	};
}

function amountOf(payment: Record<string, unknown>, index: number): string {
	const value = payment.amountPaid;
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !AMOUNT.test(text)) {
		throw new EmulatorHttpError(
			400,
			`payments[${index}].amountPaid must be a non-negative number with at most 2 decimals`,
		);
	}
	return text;
}

function newPayment(data: EmulatorData, invoice: Row, raw: unknown, index: number): Row {
	const payment = jsonObject(raw);
	const lineItemId = bodyString(payment, 'lineItemId', { required: true });
	if (!(invoice.lineItems as Row[]).some((line) => line.lineItemId === lineItemId))
		throw new EmulatorHttpError(400, `lineItemId ${lineItemId} is not a line of this invoice`);
	const paymentMethodId = bodyString(payment, 'paymentMethodId', { required: true });
	if (!data.paymentMethods.some((method) => method.paymentMethodId === paymentMethodId))
		throw new EmulatorHttpError(400, `paymentMethodId ${paymentMethodId} is not a payment method`);
	return {
		invoiceId: invoice.invoiceId,
		lineItemId,
		amountPaid: amountOf(payment, index),
		datePaid: bodyDate(payment, 'datePaid', true),
		paymentMethodId,
		dateBanked: bodyDate(payment, 'dateBanked'),
		paymentNotes: bodyString(payment, 'paymentNotes') ?? '',
		type: 'Credit',
	};
}

function addPayments(data: EmulatorData, json: unknown) {
	const body = jsonObject(json);
	const invoiceId = bodyString(body, 'invoiceId', { required: true })!;
	const invoice = findInvoice(data.invoices, invoiceId);
	if (!Array.isArray(body.payments) || !body.payments.length)
		throw new EmulatorHttpError(400, 'payments must be a list of at least one payment');
	// Every payment is checked before any is kept.
	const added = body.payments.map((raw, index) => newPayment(data, invoice, raw, index));
	data.payments.push(...added);
	invoice.updatedAt = DateTime.utc().toISO();
	const record = invoiceRecord(invoice, data.payments);
	const lineItems = (record.lineItems as Row[]).map((line) => ({
		...line,
		amountPaid: added.find((payment) => payment.lineItemId === line.lineItemId)?.amountPaid,
	}));
	return { ...record, lineItems };
}

export const paymentRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'payment',
		permission: 'VIEW_PAYMENT',
		deniedReason: 'Not authorized for viewing payment',
		handle: ({ data, query }) => {
			const invoiceId = query.get('invoiceId');
			if (!invoiceId) throw new EmulatorHttpError(400, 'invoiceId is required');
			return { body: paymentsOf(data, findInvoice(data.invoices, invoiceId)) };
		},
	},
	{
		method: 'POST',
		pattern: 'payment',
		permission: 'CREATE_PAYMENT',
		deniedReason: 'Not authorized for creating payment',
		handle: ({ data, json }) => ({ body: addPayments(data, json) }),
	},
];
