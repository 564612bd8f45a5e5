import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

import type { VerifiedCaller } from '../auth';
import type { Permission } from '../consumers';
import type { EmulatorData } from '../data';
import type { ShapeSwitches } from '../shapes';
import type { ClientNameFilter } from './clientSearch';

export interface RouteRequest {
	method: string;
	/** Path below /API/Core/<version>/, without the trailing slash, lower-cased for matching. */
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** The unread body instead of `rawBody` (empty then) when the emulator streams uploads (`streamUploads`). */
	bodyStream?: Readable;
	/** The body parsed as JSON when the request said application/json. */
	json: unknown;
	caller: VerifiedCaller;
	data: EmulatorData;
	/** How answers the documentation lost are worded (evidenced default, inferred variants). */
	shapes: ShapeSwitches;
	/** How the client list's `name` filter behaves (CoreplusEmulator.clientNameFilter). */
	clientNameFilter?: ClientNameFilter;
}

export interface RouteResponse {
	status?: number;
	body: unknown;
}

export interface Route {
	method: 'GET' | 'POST';
	/** Lower-case path pattern below /API/Core/<version>/, `:name` for a path parameter. */
	pattern: string;
	permission: Permission;
	/** coreplus' wording when the permission is missing: "Not authorized for viewing <thing>". */
	deniedReason: string;
	handle(request: RouteRequest): RouteResponse | Promise<RouteResponse>;
}

export function matchRoute(routes: Route[], method: string, path: string) {
	const segments = path.split('/').filter(Boolean);
	for (const route of routes) {
		if (route.method !== method) continue;
		const parts = route.pattern.split('/').filter(Boolean);
		if (parts.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = parts.every((part, index) => {
			if (part.startsWith(':')) {
				params[part.slice(1)] = decodeURIComponent(segments[index]);
				return true;
			}
			return part === segments[index].toLowerCase();
		});
		if (matches) return { route, params };
	}
	return undefined;
}
