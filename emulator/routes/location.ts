import { pageOf } from '../paging';
import type { Route } from './types';

export const locationRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'location',
		permission: 'VIEW_LOCATIONLIST',
		deniedReason: 'Not authorized for viewing location list',
		handle: ({ data, query }) => ({ body: pageOf(data.locations, query, 'locations') }),
	},
];
