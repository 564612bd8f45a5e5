/**
 * Building the URLs coreplus receives. The JWT's `url` claim must equal the requested URL byte
 * for byte, so the query string is serialised here, once, and the same string is both signed
 * and sent.
 */

export const SANDBOX_API_URL = 'https://sandbox.coreplus.com.au';

export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue | QueryValue[]>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class CoreplusUrlError extends Error {}

/** Checks the configured API URL: https only, except loopback hosts for local testing. */
export function parseApiUrl(apiUrl: string): URL {
	if (!URL.canParse(apiUrl.trim())) {
		throw new CoreplusUrlError(
			`The API URL "${apiUrl}" is not a valid URL. Use the API URL from your coreplus add-on settings, e.g. ${SANDBOX_API_URL}`,
		);
	}
	const parsed = new URL(apiUrl.trim());
	const isLoopback = LOOPBACK_HOSTS.has(parsed.hostname) || parsed.hostname.startsWith('127.');
	if (parsed.protocol === 'https:') return parsed;
	if (parsed.protocol === 'http:' && isLoopback) return parsed;
	throw new CoreplusUrlError(
		`The API URL "${parsed.origin}" is not allowed: coreplus is only reached over https:// (plain http:// is accepted for localhost, 127.0.0.1 and [::1] only, for local testing)`,
	);
}

/** `https://host/API/Core/<version>/` with the customer's host and the configured API version. */
export function apiRoot(apiUrl: string, apiVersion: string): string {
	const parsed = parseApiUrl(apiUrl);
	const base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
	const version = apiVersion.trim() || 'v2';
	if (!/^v\d+(\.\d+)?$/.test(version)) {
		throw new CoreplusUrlError(`The API version "${apiVersion}" is not valid: use a value such as v2 or v2.1`);
	}
	return `${base}/API/Core/${version}/`;
}

/** Serialises a query; arrays become repeated keys, as coreplus documents for its id filters. */
export function buildQueryString(query: Query | undefined): string {
	if (!query) return '';
	const pairs: string[] = [];
	for (const [key, raw] of Object.entries(query)) {
		const values = Array.isArray(raw) ? raw : [raw];
		for (const value of values) {
			if (value === undefined || value === null || value === '') continue;
			pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
		}
	}
	return pairs.join('&');
}

/** Appends a query to a URL that may already carry one. */
export function withQuery(url: string, query: Query | undefined): string {
	const queryString = buildQueryString(query);
	if (!queryString) return url;
	return `${url}${url.includes('?') ? '&' : '?'}${queryString}`;
}
