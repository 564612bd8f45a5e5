import { DateTime } from 'luxon';

import type { Row } from '../data';
import { EmulatorHttpError } from '../http';
import { findInvoice, moneyText, owingCents } from '../invoices';
import { pageOf } from '../paging';
import type { Route } from './types';

/**
 * `GET invoice/` and `GET invoice/{id}` as documented
 * (developers.coreplus.com.au/api/api-end-points/invoice/get-list-of-invoices/ and
 * …/get-a-invoice-record/): paging, the `get…Id` flags, sparse `Field` rows, `updatedSince`, and a
 * flat answer for one invoice.
 */
const INVOICE_FIELDS = ['invoiceId', 'invoiceNumber', 'clientId', 'generatedAt', 'amountOwing'];
const LINE_FIELDS = [
	'lineItemId',
	'productId',
	'description',
	'itemNumber',
	'unitAmount',
	'taxAmount',
	'lineAmount',
	'quantity',
];
/** Flag (as the pages spell them; ASP.NET reads query keys case-insensitively) → field added. */
const FLAGS: Record<string, string> = {
	getpractitionerid: 'practitionerId',
	getlocationid: 'locationId',
	getclientgroupid: 'clientGroupId',
	getappointmentid: 'appointmentId',
	getlockstatus: 'locked',
};

/** Every value of a query key, its name read case-insensitively. */
function queryAll(query: URLSearchParams, name: string): string[] {
	return [...query.entries()]
		.filter(([key]) => key.toLowerCase() === name.toLowerCase())
		.map(([, value]) => value);
}

function flagFields(query: URLSearchParams, allowed: string[]): string[] {
	return allowed
		.filter((flag) => queryAll(query, flag).some((value) => value.toLowerCase() === 'true'))
		.map((flag) => FLAGS[flag]);
}

/** The `Field` names asked for, each checked against the documented list. */
function sparseFields(query: URLSearchParams): string[] | undefined {
	const fields = queryAll(query, 'Field');
	if (!fields.length) return undefined;
	for (const field of fields) {
		const [head, tail] = field.split('.');
		const known =
			tail === undefined
				? INVOICE_FIELDS.some((name) => name.toLowerCase() === head.toLowerCase())
				: head.toLowerCase() === 'lineitems' &&
					LINE_FIELDS.some((name) => name.toLowerCase() === tail.toLowerCase());
		if (!known) throw new EmulatorHttpError(400, `Field "${field}" is not a field of an invoice`);
	}
	return fields;
}

function pick(row: Row, names: string[], wanted: string[]): Row {
	const lower = new Set(wanted.map((name) => name.toLowerCase()));
	return Object.fromEntries(
		names.filter((name) => lower.has(name.toLowerCase())).map((name) => [name, row[name]]),
	);
}

function listRow(invoice: Row, payments: Row[], query: URLSearchParams): Row {
	const fields = sparseFields(query);
	const lines = invoice.lineItems as Row[];
	// Without Field: the documented default row (no amountOwing, every line item field).
	const row = fields
		? pick(invoice, INVOICE_FIELDS, fields)
		: pick(invoice, INVOICE_FIELDS.slice(0, 4), INVOICE_FIELDS);
	if (fields?.some((field) => field.toLowerCase() === 'amountowing'))
		row.amountOwing = moneyText(owingCents(invoice, payments));
	const lineFields = fields
		?.filter((field) => field.toLowerCase().startsWith('lineitems.'))
		.map((field) => field.slice('lineItems.'.length));
	if (!fields) row.lineItems = lines;
	else if (lineFields?.length)
		row.lineItems = lines.map((line) => pick(line, LINE_FIELDS, lineFields));
	for (const field of flagFields(query, Object.keys(FLAGS))) row[field] = invoice[field];
	return row;
}

/**
 * `updatedSince` as documented: `2017-06-30 14:18:00+1000`, URL-encoded. A `+` sent raw arrives as
 * a space (form decoding), so an offset read as ` 1000` is refused, naming the cause.
 */
function updatedSince(query: URLSearchParams): DateTime | undefined {
	const [value] = queryAll(query, 'updatedSince');
	if (value === undefined) return undefined;
	if (/\d \d{2}:?\d{2}$/.test(value)) {
		throw new EmulatorHttpError(
			400,
			`updatedSince "${value}" has a space where its offset's sign should be: a "+" must be sent URL-encoded (%2B)`,
		);
	}
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{2}:?\d{2}|Z)$/.exec(
		value,
	);
	const parsed = match ? DateTime.fromISO(`${match[1]}T${match[2]}${match[3]}`) : undefined;
	if (!parsed?.isValid) {
		throw new EmulatorHttpError(
			400,
			`updatedSince "${value}" is not a date-time with an offset such as 2017-06-30 14:18:00+1000`,
		);
	}
	return parsed;
}

/** The flat record of one invoice, as documented for `GET invoice/{id}`. */
export function invoiceRecord(invoice: Row, payments: Row[], flags: string[] = []): Row {
	const record: Row = {
		...pick(invoice, INVOICE_FIELDS.slice(0, 4), INVOICE_FIELDS),
		lineItems: invoice.lineItems,
		amountOwing: moneyText(owingCents(invoice, payments)),
		locked: invoice.locked,
	};
	for (const field of flags) record[field] = invoice[field];
	return record;
}

export const invoiceRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'invoice',
		permission: 'VIEW_INVOICELIST',
		deniedReason: 'Not authorized for viewing invoice list',
		handle: ({ data, query }) => {
			const since = updatedSince(query);
			const invoices = since
				? data.invoices.filter((invoice) => DateTime.fromISO(String(invoice.updatedAt)) > since)
				: data.invoices;
			// Paged first: a row's owing amount is worked out for the rows served only.
			const page = pageOf(invoices, query, 'invoices');
			const rows = (page.invoices as Row[]).map((invoice) =>
				listRow(invoice, data.payments, query),
			);
			return { body: { ...page, invoices: rows } };
		},
	},
	{
		method: 'GET',
		pattern: 'invoice/:id',
		permission: 'VIEW_INVOICELIST',
		deniedReason: 'Not authorized for viewing invoice list',
		handle: ({ data, params, query }) => {
			const invoice = findInvoice(data.invoices, params.id);
			const flags = flagFields(query, ['getpractitionerid', 'getlocationid', 'getclientgroupid']);
			return { body: invoiceRecord(invoice, data.payments, flags) };
		},
	},
];
