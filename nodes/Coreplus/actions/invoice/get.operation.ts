import type { IExecuteFunctions } from 'n8n-workflow';

import { noticeFor } from '../../helpers/output/notices';
import { readSimplify, simplifyProperty } from '../../helpers/output/simplify';
import { simplifiedInvoice } from '../../helpers/output/simplifyInvoice';
import { readRequestOptions, requestOptions } from '../../helpers/parameters/parameters';
import {
	invoiceIdProperty,
	invoiceOptions,
	readInvoiceGetQuery,
	readInvoiceId,
} from '../../helpers/parameters/invoiceOptions';
import { readInvoice } from '../../helpers/payment/invoiceReads';
import { asNodeError } from '../../helpers/validation/errors';
import type { OperationDefinition } from '../types';

export const getInvoice: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get an invoice',
	description:
		'Read one invoice by ID: its lines, the amount owing and whether it is locked. Simplify gives amounts as numbers, `paid`, and the client and practitioner names.',
	properties: [
		invoiceIdProperty,
		invoiceOptions(false),
		simplifyProperty('invoice'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const invoiceId = readInvoiceId(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const query = readInvoiceGetQuery(this, itemIndex, simplify);
		const settings = { itemIndex, notice: noticeFor(this), ...readRequestOptions(this, itemIndex) };
		try {
			const invoice = await readInvoice(this, invoiceId, settings, query);
			return simplify ? await simplifiedInvoice(this, itemIndex, invoice) : invoice;
		} catch (error) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	},
};
