import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { describeFailure, redactSecrets } from './errors';
import { limiterFor } from './rateLimiter';
import { missingCredentialFields, readCredentials, type CoreplusCredentials } from './credentials';
import { apiRoot, withQuery, type Query } from './url';

export const CREDENTIAL_TYPE = 'coreplusApi';
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 250;
const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 30_000;
// The timeout coreplus' own example uses.
export const DEFAULT_TIMEOUT_MS = 45_000;

/** The part of n8n's function contexts (execute, load options, poll) the transport needs. */
export interface CoreplusContext {
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequestWithAuthentication'>;
}

export interface CoreplusRequest {
	method: IHttpRequestMethods;
	/** Path below /API/Core/<version>/, e.g. `Location/` or `Appointment/<id>/`. */
	endpoint: string;
	query?: Query;
	body?: IDataObject | NodeJS.ReadableStream | object;
	headers?: IDataObject;
	itemIndex?: number;
	/** Retries after 429, 5xx, resets and timeouts; writes retry only after 429. */
	maxRetries?: number;
	/** First back-off wait; it doubles per attempt (plus jitter) unless coreplus sends Retry-After. */
	retryDelayMs?: number;
	timeoutMs?: number;
}

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** Raised when a write was sent but its answer was lost: coreplus may or may not have acted. */
export class CoreplusOutcomeUnknownError extends NodeApiError {}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		if (typeof current.message === 'string' && /socket hang up|aborted|timeout/i.test(current.message)) {
			return /timeout/i.test(current.message) ? 'ETIMEDOUT' : 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Retry-After (seconds) when coreplus sends it, else exponential back-off with jitter so that parallel callers spread out. */
function waitBeforeRetryMs(attempt: number, headers: IDataObject | undefined, baseMs: number): number {
	const retryAfterHeader = headers?.['retry-after'];
	const retryAfter = Number(retryAfterHeader);
	if (retryAfterHeader !== undefined && retryAfterHeader !== '' && Number.isFinite(retryAfter) && retryAfter >= 0) {
		return Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
	}
	const backoff = Math.min(baseMs * 2 ** attempt, MAX_BACKOFF_MS);
	return backoff + Math.floor(Math.random() * baseMs);
}

// In words: n8n replaces any error message that contains a raw code such as ECONNRESET with a
// generic sentence, which would hide which coreplus endpoint failed.
const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
};

function describeNetworkFailure(error: unknown): string {
	const code = networkErrorCode(error);
	return (code && NETWORK_FAILURES[code]) ?? 'a network error';
}

/** Resolves the credential and the absolute URL; bad configuration fails before any request. */
export async function resolveTarget(
	context: CoreplusContext,
	request: Pick<CoreplusRequest, 'endpoint' | 'query' | 'itemIndex'>,
): Promise<{ credentials: CoreplusCredentials; url: string }> {
	const credentials = readCredentials(await context.getCredentials(CREDENTIAL_TYPE, request.itemIndex));
	// Checked here so that an incomplete credential is a clear configuration error, not a failed
	// (and, for reads, retried) request whose signing threw inside n8n's HTTP helper.
	const missing = missingCredentialFields(credentials);
	if (missing.length) {
		throw new NodeOperationError(context.getNode(), `The coreplus credential is incomplete: fill in ${missing.join(', ')}`, {
			description: 'Open the coreplus credential and fill in every required field',
			itemIndex: request.itemIndex,
		});
	}
	try {
		const url = withQuery(`${apiRoot(credentials.apiUrl, credentials.apiVersion)}${request.endpoint}`, request.query);
		return { credentials, url };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Fix the API URL or API Version in the coreplus credential',
			itemIndex: request.itemIndex,
		});
	}
}

function apiError(
	context: CoreplusContext,
	credentials: CoreplusCredentials,
	summary: { message: string; description?: string },
	status: number | undefined,
	itemIndex: number | undefined,
	ErrorClass: typeof NodeApiError = NodeApiError,
): NodeApiError {
	const message = redactSecrets(summary.message, credentials);
	const description = summary.description && redactSecrets(summary.description, credentials);
	// Built from plain text only, never from the HTTP client's error, which holds the signed headers.
	return new ErrorClass(context.getNode(), { message, ...(status ? { httpCode: String(status) } : {}) } as JsonObject, {
		message,
		description,
		httpCode: status ? String(status) : undefined,
		itemIndex,
	});
}

/**
 * The one way every coreplus call is made: URL building, rate limiting, signing (by the
 * credential's authenticate), retries and error mapping.
 */
export async function coreplusRequest<T = IDataObject>(context: CoreplusContext, request: CoreplusRequest): Promise<T> {
	const { credentials, url } = await resolveTarget(context, request);
	const limiter = limiterFor(credentials.apiUrl, credentials.consumerId);
	const isRead = request.method === 'GET';
	const maxRetries = request.maxRetries ?? DEFAULT_MAX_RETRIES;
	const baseDelayMs = request.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
	const what = `${request.method} ${request.endpoint}`;

	for (let attempt = 0; ; attempt++) {
		await limiter.acquire();
		let response: RawResponse;
		try {
			const options: IHttpRequestOptions = {
				method: request.method,
				url,
				headers: request.headers,
				body: request.body as IHttpRequestOptions['body'],
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
				// coreplus does not redirect API calls. Following redirects would also make the HTTP
				// client keep every uploaded byte in memory (to resend it) and forward signed tokens.
				disableFollowRedirect: true,
			};
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context as unknown as IExecuteFunctions,
				CREDENTIAL_TYPE,
				options,
			)) as RawResponse;
		} catch (error) {
			const failure = describeNetworkFailure(error);
			if (isRead && attempt < maxRetries) {
				await sleep(waitBeforeRetryMs(attempt, undefined, baseDelayMs));
				continue;
			}
			const summary = {
				message: `coreplus did not answer ${what}: ${failure}${isRead ? ` after ${attempt + 1} attempt(s)` : ''}`,
				description: isRead
					? 'The coreplus server could not be reached. Check the API URL and your network, then retry.'
					: 'The request was sent but no answer arrived, so coreplus may or may not have acted on it. It was not sent again, to avoid a duplicate.',
			};
			throw apiError(context, credentials, summary, undefined, request.itemIndex, isRead ? NodeApiError : CoreplusOutcomeUnknownError);
		}

		const { statusCode, body, headers } = response;
		if (statusCode >= 300 && statusCode < 400) {
			const target = typeof headers?.location === 'string' ? ` to ${headers.location}` : '';
			const summary = {
				message: `coreplus answered ${what} with a redirect (HTTP ${statusCode})${target}`,
				description: 'Check the API URL in the coreplus credential: use the exact https:// address from the add-on settings.',
			};
			throw apiError(context, credentials, summary, statusCode, request.itemIndex);
		}
		if (statusCode < 400) {
			if (typeof body === 'string' && body.length) {
				// A body that is not JSON (truncated or a proxy page) is treated like a server error.
				if (isRead && attempt < maxRetries) {
					await sleep(waitBeforeRetryMs(attempt, undefined, baseDelayMs));
					continue;
				}
				const summary = isRead
					? { message: `coreplus sent an unreadable answer to ${what} (HTTP ${statusCode}) after ${attempt + 1} attempt(s)` }
					: {
							message: `coreplus accepted ${what} (HTTP ${statusCode}) but its answer could not be read`,
							description: 'coreplus has probably acted on the request; it was not sent again, to avoid a duplicate. Check coreplus before retrying.',
						};
				throw apiError(context, credentials, summary, statusCode, request.itemIndex, isRead ? NodeApiError : CoreplusOutcomeUnknownError);
			}
			return body as T;
		}
		const retryable = statusCode === 429 || (isRead && RETRYABLE_STATUS.has(statusCode));
		if (retryable && attempt < maxRetries) {
			await sleep(waitBeforeRetryMs(attempt, headers, baseDelayMs));
			continue;
		}
		const summary = describeFailure(statusCode, body, what);
		if (attempt > 0) summary.message += ` (after ${attempt + 1} attempts)`;
		throw apiError(context, credentials, summary, statusCode, request.itemIndex);
	}
}
