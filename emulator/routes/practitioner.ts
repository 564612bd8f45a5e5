import { pageOf } from '../paging';
import type { Route } from './types';

// Inferred endpoint: the availability-slot page says "see endpoint 'Practitioner'"; its shape is
// assumed to follow the documented lists.
export const practitionerRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'practitioner',
		permission: 'VIEW_PRACTITIONERLIST',
		deniedReason: 'Not authorized for viewing practitioner list',
		handle: ({ data, query }) => ({ body: pageOf(data.practitioners, query, 'practitioners') }),
	},
];
