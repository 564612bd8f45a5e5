/**
 * Building the URLs coreplus receives. The JWT's `url` claim must equal the requested URL byte
 * for byte, so the URL is resolved here, once, into the exact string the HTTP client puts on the
 * wire, and that same string is both signed and sent.
 */
export const SANDBOX_API_URL = 'https://sandbox.coreplus.com.au';
/**
 * The same sandbox under coreplus' newer name (coreplus rebranded to corepluspm; the 2025 Acuity
 * sync names sandbox.corepluspm.com, older clients sandbox.coreplus.com.au: docs/coreplus-api.md#hosts).
 */
export const SANDBOX_COREPLUSPM_API_URL = 'https://sandbox.corepluspm.com';

export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue | QueryValue[]>;
/** How arrays are written: `a=1&a=2` (coreplus' id filters), `a[0]=1`, `a[]=1` or `a=1,2`. */
export type ArrayFormat = 'repeat' | 'indices' | 'brackets' | 'comma';

export class CoreplusUrlError extends Error {}

// A WHATWG URL's hostname is canonical: an IPv4 literal is always four decimal parts (127.1 and
// 0x7f.1 become 127.0.0.1; 127.0.0.1.nip.io stays a name) and an IPv6 one is compressed and
// bracketed ([0::1] becomes [::1]). So plain patterns decide, without node:net's isIP (n8n's
// scanner refuses node built-ins in node code).
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Plain http is allowed only for this machine: IP literals in 127.0.0.0/8, [::1] and localhost. */
function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || LOOPBACK_IPV4.test(host);
}

/** Checks the configured API URL: https only, except loopback hosts for local testing. */
export function parseApiUrl(apiUrl: string): URL {
	if (!URL.canParse(apiUrl.trim())) {
		throw new CoreplusUrlError(
			`The API URL "${apiUrl}" is not a valid URL. Use the API URL from your coreplus add-on settings, e.g. ${SANDBOX_API_URL}`,
		);
	}
	const parsed = new URL(apiUrl.trim());
	if (parsed.protocol === 'https:') return parsed;
	if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed;
	throw new CoreplusUrlError(
		`The API URL "${parsed.origin}" is not allowed: coreplus is only reached over https:// (plain http:// is accepted for localhost, 127.x.x.x and [::1] only, for local testing)`,
	);
}

/** `https://host/API/Core/<version>/` with the customer's host and the configured API version. */
export function apiRoot(apiUrl: string, apiVersion: string): string {
	const parsed = parseApiUrl(apiUrl);
	const base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
	const version = apiVersion.trim() || 'v2';
	if (!/^v\d+(\.\d+)?$/.test(version)) {
		throw new CoreplusUrlError(
			`The API version "${apiVersion}" is not valid: use a value such as v2 or v2.1`,
		);
	}
	return `${base}/API/Core/${version}/`;
}

// RFC 3986 unreserved characters only, so that the WHATWG parser has nothing left to re-encode.
function encodeQueryPart(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** Serialises a query; arrays become repeated keys by default, as coreplus documents for its id filters. */
function buildQueryString(query: Query | undefined, arrayFormat: ArrayFormat = 'repeat'): string {
	if (!query) return '';
	const pairs: string[] = [];
	const add = (key: string, value: QueryValue) => {
		if (value === undefined || value === null || value === '') return;
		pairs.push(`${encodeQueryPart(key)}=${encodeQueryPart(String(value))}`);
	};
	for (const [key, raw] of Object.entries(query)) {
		if (!Array.isArray(raw)) {
			if (typeof raw === 'object' && raw !== null) {
				throw new CoreplusUrlError(
					`The query parameter "${key}" is an object: give it a text, a number or a list of them`,
				);
			}
			add(key, raw);
			continue;
		}
		if (arrayFormat === 'comma')
			add(key, raw.filter((v) => v !== undefined && v !== null).join(','));
		else
			raw.forEach((value, index) =>
				add(
					arrayFormat === 'indices'
						? `${key}[${index}]`
						: arrayFormat === 'brackets'
							? `${key}[]`
							: key,
					value,
				),
			);
	}
	return pairs.join('&');
}

/** Appends a query to a URL that may already carry one (the fragment goes first, as the HTTP client does). */
export function withQuery(
	url: string,
	query: Query | undefined,
	arrayFormat?: ArrayFormat,
): string {
	const queryString = buildQueryString(query, arrayFormat);
	if (!queryString) return url;
	// A `?` with nothing after it is not part of what the client sends, so it gets no `&` either.
	const base = url.replace(/#.*$/s, '').replace(/\?$/, '');
	return `${base}${base.includes('?') ? '&' : '?'}${queryString}`;
}

/**
 * The URL exactly as n8n's HTTP client (axios over node:http) sends it: parsed by WHATWG `new URL()`
 * (host lower-cased, default port dropped, spaces, unicode and `'` percent-encoded), without the
 * fragment, and without a `?` that carries no query (the client sends `pathname + search`).
 */
export function wireUrl(url: string): string {
	if (!URL.canParse(url)) throw new CoreplusUrlError(`"${url}" is not a valid URL`);
	const parsed = new URL(url);
	return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** Joins a relative URL to a base the way the HTTP client does (axios' combineURLs). */
export function joinUrl(base: string, relative: string): string {
	if (/^[a-z][a-z\d+\-.]*:\/\//i.test(relative)) return relative;
	if (!relative) return base;
	return `${base.replace(/\/?\/$/, '')}/${relative.replace(/^\/+/, '')}`;
}
