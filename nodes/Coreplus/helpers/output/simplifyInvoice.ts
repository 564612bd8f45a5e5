import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountFromCoreplus, centsFromCoreplus, fromCents } from '../rules/money';
import { textOf } from '../rules/text';
import { announce } from './notices';
import { NameBook } from './simplify';

const LINE_AMOUNTS = ['unitAmount', 'taxAmount', 'lineAmount', 'quantity'] as const;
/** Fields the `get…Id` flags add, passed on when coreplus sent them. */
const FLAGGED = ['locationId', 'clientGroupId', 'appointmentId'] as const;

/** An amount coreplus sent, as a number; one it sent that is no amount becomes null, with a notice. */
function amount(context: IExecuteFunctions, field: string, value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const number = amountFromCoreplus(value);
	if (number !== undefined) return number;
	announce(
		context,
		`coreplus sent ${field} as ${JSON.stringify(value)}, which is not an amount: ${field} is null (the invoice as sent is in Simplify off)`,
	);
	return null;
}

function simplifiedLine(context: IExecuteFunctions, line: IDataObject): IDataObject {
	const amounts = Object.fromEntries(
		LINE_AMOUNTS.filter((field) => field in line).map((field) => [
			field,
			amount(context, `lineItems.${field}`, line[field]),
		]),
	);
	return { ...line, ...amounts };
}

/** The sum of the lines' `field`, exact to the cent; null when a line lacks it. */
function lineSum(lines: IDataObject[], field: string): number | null {
	const cents = lines.map((line) => centsFromCoreplus(line[field]));
	if (!lines.length || cents.some((value) => value === undefined)) return null;
	return fromCents((cents as number[]).reduce((sum, value) => sum + value, 0));
}

/**
 * An invoice, flat: amounts as numbers beside coreplus' text (`amountOwing` "50.0" → 50,
 * `amountOwingText` "50.0"), `paid` when nothing is owing, the client's and practitioner's names,
 * and the lines' totals. Fields coreplus did not send (sparse Fields) are null.
 */
export async function simplifiedInvoice(
	context: IExecuteFunctions,
	itemIndex: number,
	invoice: IDataObject,
): Promise<IDataObject> {
	const names = new NameBook(context, itemIndex, false);
	const lines = Array.isArray(invoice.lineItems) ? (invoice.lineItems as IDataObject[]) : [];
	const owing = amount(context, 'amountOwing', invoice.amountOwing);
	const clientId = textOf(invoice.clientId);
	const practitionerId = textOf(invoice.practitionerId);
	const flat: IDataObject = {
		invoiceId: invoice.invoiceId ?? null,
		invoiceNumber: invoice.invoiceNumber ?? null,
		generatedAt: invoice.generatedAt ?? null,
		clientId: clientId ?? null,
		clientName: await names.name('clients', clientId),
		practitionerId: practitionerId ?? null,
		practitionerName: await names.name('practitioners', practitionerId),
		total: lineSum(lines, 'lineAmount'),
		taxTotal: lineSum(lines, 'taxAmount'),
		amountOwing: owing,
		amountOwingText: invoice.amountOwing == null ? null : String(invoice.amountOwing),
		paid: owing === null ? null : owing <= 0,
		locked: typeof invoice.locked === 'boolean' ? invoice.locked : null,
		...Object.fromEntries(FLAGGED.filter((f) => f in invoice).map((f) => [f, invoice[f]])),
		lineItems: lines.map((line) => simplifiedLine(context, line)),
	};
	if (names.problem) flat.namesUnavailable = names.problem;
	return flat;
}
