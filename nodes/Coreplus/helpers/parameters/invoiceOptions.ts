import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Query } from '../../transport/url';
import { instantInPracticeZone } from '../directory/practiceZone';
import { checkBoolean, checkId, checkOption } from '../validation/validation';

export const invoiceIdProperty: INodeProperties = {
	displayName: 'Invoice ID',
	name: 'invoiceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. the invoiceId from Invoice → Get Many',
	description: 'The invoice, by its coreplus ID (not its number)',
};

export function readInvoiceId(context: IExecuteFunctions, itemIndex: number): string {
	return checkId(
		context,
		itemIndex,
		context.getNodeParameter('invoiceId', itemIndex, ''),
		'Invoice ID',
	)!;
}

/**
 * The invoice pages' options: the `get…Id` flags that add a field to each invoice, the sparse
 * `Field` list and `updatedSince` (developers.coreplus.com.au/api/api-end-points/invoice/).
 */
const FLAGS = [
	{
		name: 'includePractitionerId',
		label: 'Practitioner ID',
		query: 'getPractitionerId',
		field: 'practitionerId',
		one: true,
	},
	{
		name: 'includeLocationId',
		label: 'Location ID',
		query: 'getLocationId',
		field: 'locationId',
		one: true,
	},
	{
		name: 'includeClientGroupId',
		label: 'Client Group ID',
		query: 'getClientGroupId',
		field: 'clientGroupId',
		one: true,
	},
	{
		name: 'includeAppointmentId',
		label: 'Appointment ID',
		query: 'getAppointmentId',
		field: 'appointmentId',
		one: false,
	},
	{
		name: 'includeLockStatus',
		label: 'Lock Status',
		query: 'getLockStatus',
		field: 'locked',
		one: false,
	},
] as const;

/** The `Field` names the invoice list page documents. */
export const INVOICE_FIELDS = [
	'invoiceId',
	'invoiceNumber',
	'clientId',
	'generatedAt',
	'amountOwing',
	'lineItems.lineItemId',
	'lineItems.productId',
	'lineItems.description',
	'lineItems.itemNumber',
	'lineItems.unitAmount',
	'lineItems.taxAmount',
	'lineItems.lineAmount',
	'lineItems.quantity',
] as const;

const FIELD_LABELS: Record<(typeof INVOICE_FIELDS)[number], string> = {
	invoiceId: 'Invoice ID',
	invoiceNumber: 'Invoice Number',
	clientId: 'Client ID',
	generatedAt: 'Generated At',
	amountOwing: 'Amount Owing',
	'lineItems.lineItemId': 'Line Item ID',
	'lineItems.productId': 'Line Product ID',
	'lineItems.description': 'Line Description',
	'lineItems.itemNumber': 'Line Item Number',
	'lineItems.unitAmount': 'Line Unit Amount',
	'lineItems.taxAmount': 'Line Tax Amount',
	'lineItems.lineAmount': 'Line Amount',
	'lineItems.quantity': 'Line Quantity',
};

function flagOptions(forList: boolean): INodeProperties[] {
	return FLAGS.filter((flag) => forList || flag.one).map((flag) => ({
		displayName: `Include ${flag.label}`,
		name: flag.name,
		type: 'boolean',
		default: false,
		description: `Whether coreplus adds \`${flag.field}\` to each invoice (${flag.query})`,
	}));
}

const UPDATED_SINCE: INodeProperties = {
	displayName: 'Updated Since',
	name: 'updatedSince',
	type: 'dateTime',
	default: '',
	description:
		"Only invoices whose details changed after this moment. A time without an offset is the practice's wall-clock time (the zone of its coreplus locations; with several, the earliest reading, so nothing is missed); a value with an offset or an n8n date such as {{ $now.minus({ days: 1 }) }} is that moment.",
};

const FIELDS: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'multiOptions',
	options: INVOICE_FIELDS.map((field) => ({
		name: FIELD_LABELS[field],
		value: field,
		description: `Field=${field}`,
	})),
	default: [],
	description:
		"Only these fields of each invoice (coreplus' Field); `amountOwing` is sent only when asked for. Empty: coreplus' usual invoice, or with Simplify every field listed here.",
};

/** The Options collection of Invoice → Get (`list` false) or → Get Many. */
export function invoiceOptions(list: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...(list ? [UPDATED_SINCE, FIELDS] : []), ...flagOptions(list)],
	};
}

function flagQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	simplify: boolean,
): Query {
	const query: Query = {};
	for (const flag of FLAGS) {
		const on = checkBoolean(context, itemIndex, options[flag.name], `Include ${flag.label}`);
		// Simplify shows the practitioner's name, so it asks for the id.
		if (on || (simplify && flag.name === 'includePractitionerId')) query[flag.query] = true;
	}
	return query;
}

/** The query of Invoice → Get: its flags. */
export function readInvoiceGetQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	simplify: boolean,
): Query {
	return flagQuery(
		context,
		itemIndex,
		context.getNodeParameter('options', itemIndex, {}) as IDataObject,
		simplify,
	);
}

function readFields(context: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const values = Array.isArray(value)
		? value
		: typeof value === 'string' && value
			? value.split(',')
			: [];
	return values.map((field) =>
		checkOption(
			context,
			itemIndex,
			typeof field === 'string' ? field.trim() : field,
			INVOICE_FIELDS,
			'Fields',
		)!,
	);
}

/**
 * The query of Invoice → Get Many: flags, `Field` (repeated; with Simplify and none chosen, every
 * documented field, so that the owing amount comes) and `updatedSince` in the practice's zone,
 * written as the page does (`2017-06-30 14:18:00+1000`); the URL encoding sends its `+` as `%2B`.
 */
export async function readInvoiceListQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	simplify: boolean,
): Promise<Query> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const chosen = readFields(context, itemIndex, options.fields);
	const query: Query = flagQuery(context, itemIndex, options, simplify);
	const fields = chosen.length ? chosen : simplify ? [...INVOICE_FIELDS] : [];
	if (fields.length) query.Field = fields;
	if (options.updatedSince) {
		const since = await instantInPracticeZone(
			context,
			itemIndex,
			options.updatedSince,
			'Updated Since',
		);
		query.updatedSince = since.toFormat('yyyy-MM-dd HH:mm:ssZZZ');
	}
	return query;
}
