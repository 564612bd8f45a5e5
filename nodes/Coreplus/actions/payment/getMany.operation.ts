import type { IExecuteFunctions } from 'n8n-workflow';

import { noticeFor } from '../../helpers/output/notices';
import { invoiceIdProperty, readInvoiceId } from '../../helpers/parameters/invoiceOptions';
import {
	readLimit,
	readRequestOptions,
	requestOptions,
	returnAllOrLimit,
} from '../../helpers/parameters/parameters';
import { readPayments } from '../../helpers/payment/invoiceReads';
import { asNodeError } from '../../helpers/validation/errors';
import type { OperationDefinition } from '../types';

export const getManyPayments: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many payments',
	description:
		"List an invoice's payments, one item per payment: its line item, the amount as a number and as coreplus sent it, the date, the method's name, Credit or Refund, and the notes",
	properties: [
		{ ...invoiceIdProperty, description: 'The invoice whose payments to list, by its coreplus ID' },
		...returnAllOrLimit,
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const invoiceId = readInvoiceId(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const settings = { itemIndex, notice: noticeFor(this), ...readRequestOptions(this, itemIndex) };
		try {
			const rows = await readPayments(this, invoiceId, settings);
			return limit === undefined ? rows : rows.slice(0, limit);
		} catch (error) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	},
};
