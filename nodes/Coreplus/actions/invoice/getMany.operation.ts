import type { IExecuteFunctions } from 'n8n-workflow';

import { noticeFor } from '../../helpers/output/notices';
import { readSimplify, simplifyProperty } from '../../helpers/output/simplify';
import { simplifiedInvoice } from '../../helpers/output/simplifyInvoice';
import {
	readLimit,
	readRequestOptions,
	requestOptions,
	returnAllOrLimit,
} from '../../helpers/parameters/parameters';
import { invoiceOptions, readInvoiceListQuery } from '../../helpers/parameters/invoiceOptions';
import { LISTS, readList } from '../../transport/endpoints';
import type { OperationDefinition } from '../types';

export const getManyInvoices: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many invoices',
	description:
		"List the practice's invoices, one item per invoice, optionally only those changed since a moment (Updated Since). Simplify gives amounts as numbers, `paid`, and the client and practitioner names.",
	properties: [
		...returnAllOrLimit,
		invoiceOptions(true),
		simplifyProperty('invoice'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const limit = readLimit(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const request = { itemIndex, notice: noticeFor(this), ...readRequestOptions(this, itemIndex) };
		const query = await readInvoiceListQuery(this, itemIndex, simplify);
		const rows = await readList(this, LISTS.invoice, { ...request, query }, limit);
		if (!simplify) return rows;
		return await Promise.all(
			rows.map(async (row) => await simplifiedInvoice(this, itemIndex, row)),
		);
	},
};
