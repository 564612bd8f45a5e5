import { pageOf } from '../paging';
import type { Route } from './types';

export const locationRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'location',
		permission: 'VIEW_LOCATIONLIST',
		deniedReason: 'Not authorized for viewing location list',
		// Rows are served in the switched shape (shapes.ts: nested `timeZone` by default).
		handle: ({ data, query, shapes }) => ({
			body: pageOf(data.locations.map(shapes.presentLocation, shapes), query, 'locations'),
		}),
	},
];
