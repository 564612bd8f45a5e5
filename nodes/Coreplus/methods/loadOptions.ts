import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { noticeFor } from '../helpers/output/notices';
import { textOf } from '../helpers/rules/text';
import { appointmentTypeLabel, locationLabel, practitionerLabel } from '../helpers/rules/labels';
import { timezoneIdOfLocation } from '../helpers/rules/timezones';
import { readInvoice } from '../helpers/payment/invoiceReads';
import { LISTS, readList, type ListEndpoint } from '../transport/endpoints';

/**
 * Dropdown loaders. They list through the same signed, rate-limited transport as the operations,
 * so a dropdown opened during a long-running list shares the 10 requests/second budget.
 * No cache: each list is a page or two, opened once per editor visit, and a cache would hide an
 * appointment type created a moment ago.
 */
function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

async function listOptions(
	context: ILoadOptionsFunctions,
	list: ListEndpoint & { idField: string },
	label: (row: IDataObject) => string,
	description?: (row: IDataObject) => string | undefined,
): Promise<INodePropertyOptions[]> {
	const rows = await readList(context, list, { notice: noticeFor(context) });
	return rows
		.filter((row) => typeof row[list.idField] === 'string' && row[list.idField])
		.map((row) => ({
			name: label(row),
			value: row[list.idField] as string,
			description: description?.(row),
		}))
		.sort(byName);
}

export async function getPractitioners(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await listOptions(this, LISTS.practitioner, practitionerLabel, (row) =>
		textOf(row.discipline),
	);
}

export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, LISTS.location, locationLabel, (row) => timezoneIdOfLocation(row));
}

export async function getAppointmentTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await listOptions(this, LISTS.appointmentType, appointmentTypeLabel);
}

/** The lines of the invoice named in Invoice ID (Payment → Add's Line Item), as "description (item number): amount". */
export async function getInvoiceLineItems(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const invoiceId = this.getCurrentNodeParameter('invoiceId');
	if (typeof invoiceId !== 'string' || !invoiceId.trim() || invoiceId.startsWith('=')) return [];
	const invoice = await readInvoice(this, invoiceId.trim(), { notice: noticeFor(this) });
	const lines = Array.isArray(invoice.lineItems) ? (invoice.lineItems as IDataObject[]) : [];
	return lines
		.filter((line) => typeof line.lineItemId === 'string' && line.lineItemId)
		.map((line) => {
			const item = textOf(line.itemNumber);
			const label = `${textOf(line.description) ?? 'Line'}${item ? ` (${item})` : ''}`;
			return {
				name: line.lineAmount === undefined ? label : `${label}: ${String(line.lineAmount)}`,
				value: line.lineItemId as string,
			};
		});
}
