import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { invoiceIdProperty } from '../../helpers/parameters/invoiceOptions';
import { requestOptions } from '../../helpers/parameters/parameters';
import { invoiceLinePicker } from '../../helpers/parameters/pickers';
import { readPaymentInput } from '../../helpers/payment/paymentInput';
import { recordPayment } from '../../helpers/payment/recordPayment';
import type { OperationDefinition } from '../types';

const properties: INodeProperties[] = [
	{ ...invoiceIdProperty, description: 'The invoice the payment is for, by its coreplus ID' },
	invoiceLinePicker({
		description:
			'The invoice line the payment is for; leave empty for an invoice with one line. The list shows the lines of the invoice in Invoice ID',
	}),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 40.55',
		description:
			'The amount paid, sent to coreplus exactly as written: not negative, at most 2 decimals, no currency sign. More than the amount owing is refused unless allowed under Options.',
	},
	{
		displayName: 'Date Paid',
		name: 'datePaid',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"The day the payment was made. A date is taken as written; a moment (with an offset, or an n8n date such as {{ $today }}) is that day in the practice's time zone.",
	},
	{
		displayName: 'Payment Method ID',
		name: 'paymentMethodId',
		type: 'string',
		required: true,
		default: '',
		description:
			"The payment method's coreplus ID (cash, EFTPOS, card…). coreplus publishes no list of payment methods and its payment records name the method, not its ID: ask coreplus support (support@coreplus.com.au) for the IDs of your practice's payment methods.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Date Banked',
				name: 'dateBanked',
				type: 'dateTime',
				default: '',
				description: 'The day the payment was banked, read like Date Paid',
			},
			{
				displayName: 'Notes',
				name: 'paymentNotes',
				type: 'string',
				default: '',
				description: 'Notes on the payment (part of what makes two payments identical)',
			},
			{
				displayName: 'Allow Identical Payment',
				name: 'allowIdentical',
				type: 'boolean',
				default: false,
				description:
					'Whether to record the payment even when the invoice already has one with the same line, amount, day, method and notes. Off: such a payment is returned with alreadyRecorded and nothing is sent, so a re-run never pays twice.',
			},
			{
				displayName: 'Allow Amount Above Owing',
				name: 'allowAboveOwing',
				type: 'boolean',
				default: false,
				description:
					'Whether to send an amount larger than what is owing on the invoice (off: refused before sending)',
			},
		],
	},
	requestOptions,
];

/** n8n offers a node marked usableAsTool to AI agents as `<type>Tool`; a payment is never an agent's to make. */
function refuseAsTool(context: IExecuteFunctions, itemIndex: number): void {
	if (!context.getNode().type.endsWith('Tool')) return;
	throw new NodeOperationError(context.getNode(), 'Payment → Add cannot be used as an AI tool', {
		itemIndex,
		description:
			"A payment is money: an agent that retries, guesses an amount or misreads an invoice would record it in the practice's books. Record payments from a workflow with fixed inputs (see the AI agents page of the node's documentation).",
	});
}

export const addPayment: OperationDefinition = {
	value: 'add',
	name: 'Add',
	action: 'Add a payment',
	description:
		"Record a payment on an invoice line. Reads the invoice's payments first and never pays twice: an identical payment already there is returned with alreadyRecorded, and a lost answer is settled by reading back, never by sending again.",
	properties,
	notAsTool: true,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		refuseAsTool(this, itemIndex);
		const input = await readPaymentInput(this, itemIndex);
		return await recordPayment(this, itemIndex, input);
	},
};
