import { pageOf } from '../paging';
import type { Route } from './types';

/**
 * An endpoint the node has no operation for: coreplus enables some endpoints only on request
 * (FAQ), and users reach them with n8n's HTTP Request node and this package's credential.
 * The end-to-end test calls it that way to prove the credential signs requests it did not build.
 */
export const extraRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'invoice',
		permission: 'VIEW_INVOICELIST',
		deniedReason: 'Not authorized for viewing invoice list',
		handle: ({ query }) => {
			const invoices = [
				{ invoiceId: 'inv-1001', status: 'open', total: 120.5 },
				{ invoiceId: 'inv-1002', status: 'paid', total: 85 },
				{ invoiceId: 'inv-1003', status: 'void', total: 40 },
			];
			const statuses = query.getAll('status');
			const rows = statuses.length ? invoices.filter((i) => statuses.includes(i.status)) : invoices;
			return { body: pageOf(rows, query, 'invoices') };
		},
	},
];
