import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { describeFailure } from './errors';
import { redactSecrets } from './redact';
import { clockSkewFor, learnServerClock } from './clock';
import { cancellableWait, limiterFor } from './rateLimiter';
import {
	decideRetry,
	RATE_LIMIT_PAUSE_MS,
	retryAfterMs,
	type AttemptOutcome,
	type RetryState,
} from './retryDecision';
import { missingCredentialFields, readCredentials, type CoreplusCredentials } from './credentials';
import { apiRoot, withQuery, type Query } from './url';

const CREDENTIAL_TYPE = 'coreplusApi';
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 250;
/** How long one request may wait out 429 answers before they count as a failure. */
export const DEFAULT_RATE_LIMIT_BUDGET_MS = 60_000;
// The timeout coreplus' own example uses.
export const DEFAULT_TIMEOUT_MS = 45_000;

/** The part of n8n's function contexts (execute, load options, poll) the transport needs. */
export interface CoreplusContext {
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequestWithAuthentication'>;
	/** n8n's cancellation (execute contexts have it): waits for the limiter and retries stop on it. */
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

type RequestBody = IDataObject | NodeJS.ReadableStream | object;

export interface CoreplusRequest {
	method: IHttpRequestMethods;
	/** Path below /API/Core/<version>/, e.g. `Location/` or `Appointment/<id>/`. */
	endpoint: string;
	query?: Query;
	/**
	 * The body; a function is called for every attempt, so a stream (an upload) is built afresh and
	 * the request can be retried after a 429. A plain stream is sent once and never retried.
	 */
	body?: RequestBody | (() => RequestBody | Promise<RequestBody>);
	headers?: IDataObject;
	itemIndex?: number;
	/** Retries after 429, 5xx, resets and timeouts; writes retry only after 429. */
	maxRetries?: number;
	/** First back-off wait; it doubles per attempt (plus jitter) unless coreplus sends Retry-After. */
	retryDelayMs?: number;
	/** Total wait after 429 answers before they fail the request (default 60 s); any method, as coreplus did not act. */
	rateLimitBudgetMs?: number;
	timeoutMs?: number;
}

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** Raised when a write was sent but its answer was lost: coreplus may or may not have acted. */
export class CoreplusOutcomeUnknownError extends NodeApiError {}

function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		if (
			typeof current.message === 'string' &&
			/socket hang up|aborted|timeout/i.test(current.message)
		) {
			return /timeout/i.test(current.message) ? 'ETIMEDOUT' : 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
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
async function resolveTarget(
	context: CoreplusContext,
	request: Pick<CoreplusRequest, 'endpoint' | 'query' | 'itemIndex'>,
): Promise<{ credentials: CoreplusCredentials; url: string }> {
	const credentials = readCredentials(
		await context.getCredentials(CREDENTIAL_TYPE, request.itemIndex),
	);
	// Checked here so that an incomplete credential is a clear configuration error, not a failed
	// (and, for reads, retried) request whose signing threw inside n8n's HTTP helper.
	const missing = missingCredentialFields(credentials);
	if (missing.length) {
		throw new NodeOperationError(
			context.getNode(),
			`The coreplus credential is incomplete: fill in ${missing.join(', ')}`,
			{
				description: 'Open the coreplus credential and fill in every required field',
				itemIndex: request.itemIndex,
			},
		);
	}
	try {
		const url = withQuery(
			`${apiRoot(credentials.apiUrl, credentials.apiVersion)}${request.endpoint}`,
			request.query,
		);
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
	return new ErrorClass(
		context.getNode(),
		{ message, ...(status ? { httpCode: String(status) } : {}) } as JsonObject,
		{
			message,
			description,
			httpCode: status ? String(status) : undefined,
			itemIndex,
		},
	);
}

function isStream(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { pipe?: unknown }).pipe === 'function'
	);
}

/** What the user reads when the loop gives up, by the retry decision's cause. */
function failureSummary(
	cause: string,
	what: string,
	isRead: boolean,
	attempts: number,
	response?: RawResponse,
) {
	const after = attempts > 1 ? ` after ${attempts} attempt(s)` : '';
	if (cause === 'redirect') {
		const target =
			typeof response?.headers?.location === 'string' ? ` to ${response.headers.location}` : '';
		return {
			message: `coreplus answered ${what} with a redirect (HTTP ${response?.statusCode})${target}`,
			description:
				'Check the API URL in the coreplus credential: use the exact https:// address from the add-on settings.',
		};
	}
	if (cause === 'unreadable') {
		return isRead
			? {
					message: `coreplus sent an unreadable answer to ${what} (HTTP ${response?.statusCode})${after}`,
				}
			: {
					message: `coreplus accepted ${what} (HTTP ${response?.statusCode}) but its answer could not be read`,
					description:
						'coreplus has probably acted on the request; it was not sent again, to avoid a duplicate. Check coreplus before retrying.',
				};
	}
	const summary = describeFailure(response!.statusCode, response!.body, what);
	if (attempts > 1) summary.message += ` (after ${attempts} attempts)`;
	return summary;
}

/**
 * The one way every coreplus call is made: URL building, rate limiting, signing (by the
 * credential's authenticate, on the server's clock), retries (decided by decideRetry) and error
 * mapping.
 */
export async function coreplusRequest<T = IDataObject>(
	context: CoreplusContext,
	request: CoreplusRequest,
): Promise<T> {
	const { credentials, url } = await resolveTarget(context, request);
	const limiter = limiterFor(credentials.apiUrl, credentials.consumerId);
	const signal = context.getExecutionCancelSignal?.();
	const isRead = request.method === 'GET';
	const what = `${request.method} ${request.endpoint}`;
	const makeBody =
		typeof request.body === 'function'
			? (request.body as () => Promise<RequestBody>)
			: async () => request.body;
	const state: RetryState = {
		isRead,
		failures: 0,
		maxRetries: request.maxRetries ?? DEFAULT_MAX_RETRIES,
		baseDelayMs: request.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
		clockRetries: 0,
		rateLimitWaitedMs: 0,
		rateLimitBudgetMs: request.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS,
		canResend: typeof request.body === 'function' || !isStream(request.body),
	};

	for (let attempts = 1; ; attempts++) {
		await limiter.acquire(signal);
		let outcome: AttemptOutcome;
		let response: RawResponse | undefined;
		let networkError: unknown;
		const sentAt = Date.now();
		try {
			const options: IHttpRequestOptions = {
				method: request.method,
				url,
				headers: request.headers,
				body: (await makeBody()) as IHttpRequestOptions['body'],
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
			const clockMoved = learnServerClock(url, response.headers?.date, sentAt);
			outcome = {
				kind: 'answer',
				status: response.statusCode,
				headers: response.headers,
				body: response.body,
				clockMoved,
			};
		} catch (error) {
			networkError = error;
			outcome = { kind: 'networkError' };
		}

		const now = Date.now();
		// Retry-After as an HTTP date is on the server's clock.
		const decision = decideRetry(outcome, state, now + clockSkewFor(url), Math.random());
		if (outcome.kind === 'answer' && outcome.status === 429) {
			limiter.noteRateLimited(
				decision.action === 'retry'
					? decision.afterMs
					: (retryAfterMs(outcome.headers, now + clockSkewFor(url)) ?? RATE_LIMIT_PAUSE_MS),
				now,
			);
		} else if (outcome.kind === 'answer' && outcome.status < 400) limiter.noteServed(now);

		if (decision.action === 'return') return response!.body as T;
		if (decision.action === 'retry') {
			if (decision.cause === 'clock') state.clockRetries++;
			else if (decision.cause === 'rateLimit') state.rateLimitWaitedMs += decision.afterMs;
			else state.failures++;
			// After a 429 the limiter itself holds every request of the consumer until the pause ends.
			if (decision.cause !== 'rateLimit') await cancellableWait(decision.afterMs, signal);
			continue;
		}

		if (decision.cause === 'network') {
			const failure = describeNetworkFailure(networkError);
			const summary = {
				message: `coreplus did not answer ${what}: ${failure}${isRead ? ` after ${attempts} attempt(s)` : ''}`,
				description: isRead
					? 'The coreplus server could not be reached. Check the API URL and your network, then retry.'
					: 'The request was sent but no answer arrived, so coreplus may or may not have acted on it. It was not sent again, to avoid a duplicate.',
			};
			throw apiError(
				context,
				credentials,
				summary,
				undefined,
				request.itemIndex,
				isRead ? NodeApiError : CoreplusOutcomeUnknownError,
			);
		}
		const summary = failureSummary(decision.cause, what, isRead, attempts, response);
		const unknownOutcome = decision.cause === 'unreadable' && !isRead;
		throw apiError(
			context,
			credentials,
			summary,
			response?.statusCode,
			request.itemIndex,
			unknownOutcome ? CoreplusOutcomeUnknownError : NodeApiError,
		);
	}
}

/** The measured clock offset of the server (server minus this host, in ms), for `npm run conformance`. */
export { clockSkewFor };
