import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { serverNowSeconds } from './clock';
import {
	invalidCredentialSetting,
	missingCredentialFields,
	type CoreplusCredentials,
} from './credentials';
import { signToken } from './jwt';
import { limiterFor } from './rateLimiter';
import { joinUrl, parseApiUrl, wireUrl, withQuery, type ArrayFormat, type Query } from './url';

/** Signs one token for `url` and `method` on the server's clock (the plain signer is jwt.ts' signToken). */
export function signRequestToken(
	credentials: CoreplusCredentials,
	url: string,
	method: string,
): string {
	// The credential's API URL names the same server as `url` (prepareRequest refuses any other
	// origin) and is one string per credential, so the clock lookup needs no URL parsing.
	return signToken(credentials, url, method, serverNowSeconds(credentials.apiUrl));
}

/** Whatever the caller sent: n8n's own helpers use `url`, the legacy request helper uses `uri`. */
export type OutgoingRequest = IHttpRequestOptions & {
	uri?: string;
	formData?: unknown;
	useQuerystring?: boolean;
	qsStringifyOptions?: { arrayFormat?: string };
};

function isMultipart(body: unknown): body is { getHeaders(): IDataObject } {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as IDataObject).getBoundary === 'function'
	);
}

/** The array format the HTTP client would use for this request's `qs` (coreplus' repeated keys unless told). */
function arrayFormatOf(request: OutgoingRequest): ArrayFormat {
	const asked = request.arrayFormat ?? request.qsStringifyOptions?.arrayFormat;
	if (asked === 'indices' || asked === 'brackets' || asked === 'comma' || asked === 'repeat')
		return asked;
	return 'repeat';
}

/**
 * The one absolute URL this request goes to, exactly as the HTTP client will put it on the wire:
 * (baseURL +) url or uri, plus `qs`, normalised by WHATWG `new URL()` without the fragment.
 */
function requestWireUrl(credentials: CoreplusCredentials, request: OutgoingRequest): string {
	const target = joinUrl(
		request.baseURL ?? credentials.apiUrl,
		String(request.uri ?? request.url ?? ''),
	);
	return wireUrl(withQuery(target, request.qs as Query | undefined, arrayFormatOf(request)));
}

/** Refuses any target outside the credential's own API origin: its token carries the practice's access token. */
function assertOwnOrigin(credentials: CoreplusCredentials, url: string): void {
	const own = parseApiUrl(credentials.apiUrl).origin;
	const target = new URL(url).origin;
	if (target !== own) {
		throw new Error(
			`The coreplus credential only signs requests to its own API URL (${own}); refused to send a signed request to ${target}. Use the credential's API URL, or another credential for other hosts.`,
		);
	}
}

/**
 * Everything of the outgoing request except its token: the wire URL (with `qs` and `baseURL`
 * folded in, so the HTTP client has nothing left to change), the method and the headers.
 */
export function prepareRequest(
	credentials: CoreplusCredentials,
	request: OutgoingRequest,
): OutgoingRequest & { url: string } {
	const missing = missingCredentialFields(credentials);
	if (missing.length) {
		throw new Error(`The coreplus credential is incomplete: fill in ${missing.join(', ')}`);
	}
	const invalid = invalidCredentialSetting(credentials);
	if (invalid) throw new Error(`The coreplus credential's ${invalid}`);
	const url = requestWireUrl(credentials, request);
	parseApiUrl(url);
	assertOwnOrigin(credentials, url);

	const method = (request.method ?? 'GET').toUpperCase();
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (!/^(authorization|content-type)$/i.test(name)) headers[name] = value;
	}
	const contentType = isMultipart(request.body)
		? request.body.getHeaders()['content-type']
		: isMultipart(request.formData)
			? request.formData.getHeaders()['content-type']
			: 'application/json';
	headers['content-type'] = contentType;

	const prepared = { ...request, method: method as IHttpRequestOptions['method'], headers, url };
	delete prepared.qs;
	delete prepared.baseURL;
	delete prepared.arrayFormat;
	delete prepared.qsStringifyOptions;
	delete prepared.useQuerystring;
	if (request.uri !== undefined) prepared.uri = url;
	return prepared;
}

/**
 * Turns a request (ours, or one from n8n's HTTP Request node or any node using the credential)
 * into its signed form: the exact URL that is sent is the URL that is signed.
 */
export function signRequest(
	credentials: CoreplusCredentials,
	request: OutgoingRequest,
): OutgoingRequest {
	const prepared = prepareRequest(credentials, request);
	const token = signRequestToken(credentials, prepared.url, prepared.method ?? 'GET');
	// authenticate() runs right before the HTTP client sends: this is the request's send time.
	limiterFor(credentials.apiUrl, credentials.consumerId).noteSent();
	return withToken(prepared, token);
}

/** The prepared request as it goes on the wire: with its token, and never following a redirect. */
export function withToken(prepared: OutgoingRequest, token: string): OutgoingRequest {
	return {
		...prepared,
		...REFUSE_REDIRECTS,
		headers: { ...prepared.headers, Authorization: `JwToken ${token}` },
	};
}

/**
 * coreplus does not redirect API calls, and n8n would re-send `Authorization` (the practice's
 * access token) to wherever a redirect points (`sendCredentialsOnCrossOriginRedirect` defaults to
 * true). Every signed request refuses redirects, whatever the calling node asked for: the modern
 * helper reads `disableFollowRedirect`, the legacy one `followRedirect`/`followAllRedirects`/
 * `maxRedirects` (n8n-core 1.x and 2.x alike, @n8n/backend-network axios/request.js, legacy.js).
 */
const REFUSE_REDIRECTS = {
	disableFollowRedirect: true,
	followRedirect: false,
	followAllRedirects: false,
	maxRedirects: 0,
	sendCredentialsOnCrossOriginRedirect: false,
} as const;
