import { createSecretKey, type KeyObject } from 'node:crypto';

import jwt from 'jsonwebtoken';

import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { parseApiUrl, SANDBOX_API_URL, withQuery, type Query } from './url';

/** Token lifetime recommended by coreplus ("1 minute past the issued time"). */
export const TOKEN_LIFETIME_SECONDS = 60;

export interface CoreplusCredentials {
	apiUrl: string;
	apiVersion: string;
	consumerId: string;
	consumerSecret: string;
	accessToken: string;
	issuer: string;
	audience: string;
}

/** Reads the stored credential, resolving the environment choice to a concrete API URL. */
export function readCredentials(data: ICredentialDataDecryptedObject): CoreplusCredentials {
	const text = (key: string, fallback = '') => String(data[key] ?? fallback).trim();
	return {
		apiUrl: data.environment === 'sandbox' ? SANDBOX_API_URL : text('apiUrl'),
		apiVersion: text('apiVersion', 'v2'),
		consumerId: text('consumerId'),
		// Used exactly as given: coreplus does not base64-decode it.
		consumerSecret: String(data.consumerSecret ?? ''),
		accessToken: text('accessToken'),
		issuer: text('issuer', 'https://n8n.io') || 'https://n8n.io',
		audience: text('audience', 'https://coreplus.com.au') || 'https://coreplus.com.au',
	};
}

export function missingCredentialFields(credentials: CoreplusCredentials): string[] {
	const labels: Array<[keyof CoreplusCredentials, string]> = [
		['apiUrl', 'API URL'],
		['consumerId', 'Consumer ID'],
		['consumerSecret', 'Consumer Secret'],
		['accessToken', 'Access Token'],
	];
	return labels.filter(([key]) => !credentials[key]).map(([, label]) => label);
}

/** Signs one request: coreplus binds every token to one URL and one method. */
export function signRequestToken(
	credentials: CoreplusCredentials,
	url: string,
	method: string,
	nowSeconds = Math.floor(Date.now() / 1000),
): string {
	const claims = {
		iss: credentials.issuer,
		aud: credentials.audience,
		nbf: nowSeconds,
		exp: nowSeconds + TOKEN_LIFETIME_SECONDS,
		consumerId: credentials.consumerId,
		accessToken: credentials.accessToken,
		url,
		httpMethod: method.toUpperCase(),
	};
	return jwt.sign(claims, signingKey(credentials.consumerSecret), { algorithm: 'HS256', noTimestamp: true });
}

// jsonwebtoken turns a string secret into a key object on every call (~0.35 ms, measured by
// `npm run bench`); reusing the key object makes a token cost a few microseconds.
const signingKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 16;

function signingKey(secret: string): KeyObject {
	let key = signingKeys.get(secret);
	if (!key) {
		if (signingKeys.size >= MAX_CACHED_KEYS) signingKeys.delete(signingKeys.keys().next().value!);
		// The secret is used exactly as given (coreplus does not base64-decode it).
		key = createSecretKey(Buffer.from(secret, 'utf8'));
		signingKeys.set(secret, key);
	}
	return key;
}

/** Whatever the caller sent: n8n's own helpers use `url`, the legacy request helper uses `uri`. */
type OutgoingRequest = IHttpRequestOptions & { uri?: string; formData?: unknown };

function isMultipart(body: unknown): body is { getHeaders(): IDataObject } {
	return typeof body === 'object' && body !== null && typeof (body as IDataObject).getBoundary === 'function';
}

/**
 * Turns a request (ours, or one from n8n's HTTP Request node) into its signed form: resolves
 * baseURL + url + qs into the one absolute URL that is sent, signs it, sets the headers.
 * `token` is replaceable only so `npm run bench` can measure this exact path without the JWT.
 */
export function signRequest(
	credentials: CoreplusCredentials,
	request: OutgoingRequest,
	token: typeof signRequestToken = signRequestToken,
): OutgoingRequest {
	const missing = missingCredentialFields(credentials);
	if (missing.length) {
		throw new Error(`The coreplus credential is incomplete: fill in ${missing.join(', ')}`);
	}
	const relative = request.uri ?? request.url ?? '';
	const base = request.baseURL ?? credentials.apiUrl;
	const absolute = /^https?:\/\//i.test(relative)
		? relative
		: `${base.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
	const url = withQuery(absolute, request.qs as Query | undefined);
	parseApiUrl(url);

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
	headers.Authorization = `JwToken ${token(credentials, url, method)}`;

	const signed: OutgoingRequest = { ...request, method: method as IHttpRequestOptions['method'], headers };
	delete signed.qs;
	delete signed.baseURL;
	if (request.uri !== undefined) signed.uri = url;
	else signed.url = url;
	return signed;
}
