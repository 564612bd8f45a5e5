import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { clockSkewFor, learnServerClock, monotonicNow } from './clock';
import {
	invalidCredentialSetting,
	missingCredentialFields,
	readCredentials,
	type CoreplusCredentials,
} from './credentials';
import {
	cancellableWait,
	ConsumerLimiter,
	limiterFor,
	openTicket,
	RateLimitWaitExceeded,
	type SendTicket,
} from './rateLimiter';
import {
	answerFailureSummary,
	apiError,
	networkFailureSummary,
	pauseOutlastedTimeoutSummary,
	rateLimitBudgetSummary,
	unsentFailureSummary,
	type RawResponse,
} from './requestFailure';
import {
	decideRetry,
	RATE_LIMIT_PAUSE_MS,
	retryAfterMs,
	type AttemptOutcome,
	type RetryDecision,
	type RetryState,
} from './retryDecision';
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
	/** Each attempt's whole time, from sending to the answer's last byte (not only the idle time). */
	timeoutMs?: number;
}

/** Raised when a write was sent but its answer was lost: coreplus may or may not have acted. */
export class CoreplusOutcomeUnknownError extends NodeApiError {}

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
	const invalid = invalidCredentialSetting(credentials);
	if (invalid) {
		throw new NodeOperationError(context.getNode(), `The coreplus credential's ${invalid}`, {
			description: 'Open the coreplus credential and correct that setting',
			itemIndex: request.itemIndex,
		});
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

function isStream(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { pipe?: unknown }).pipe === 'function'
	);
}

/** Everything one coreplusRequest call keeps across its attempts. */
interface RequestRun {
	context: CoreplusContext;
	request: CoreplusRequest;
	credentials: CoreplusCredentials;
	url: string;
	limiter: ConsumerLimiter;
	cancelSignal?: AbortSignal;
	what: string;
	timeoutMs: number;
	makeBody: () => Promise<RequestBody | undefined>;
	state: RetryState;
}

/** One attempt: the answer (with what it taught about the server's clock) or why none came. */
interface Attempt {
	outcome: AttemptOutcome;
	response?: RawResponse;
	networkError?: unknown;
	/** Set when the attempt was cut off by its total deadline. */
	deadlineMs?: number;
}

/**
 * The one way every coreplus call is made: URL building, rate limiting, signing (by the
 * credential's authenticate, on the server's clock), retries (decided by decideRetry) and error
 * mapping, in four steps: prepare, send, read, recover.
 */
export async function coreplusRequest<T = IDataObject>(
	context: CoreplusContext,
	request: CoreplusRequest,
): Promise<T> {
	const run = await prepareRun(context, request);
	for (let attempts = 1; ; attempts++) {
		const attempt = await sendAttempt(run);
		const decision = readAttempt(run, attempt);
		if (decision.action === 'return') return attempt.response!.body as T;
		if (decision.action === 'fail') throw attemptError(run, attempt, decision.cause, attempts);
		await recover(run, decision);
	}
}

/** Prepare: credential, URL, limiter and the retry state; bad configuration fails here, before any request. */
async function prepareRun(context: CoreplusContext, request: CoreplusRequest): Promise<RequestRun> {
	const { credentials, url } = await resolveTarget(context, request);
	const body = request.body;
	return {
		context,
		request,
		credentials,
		url,
		limiter: limiterFor(credentials.apiUrl, credentials.consumerId, credentials.sharedBy),
		cancelSignal: context.getExecutionCancelSignal?.(),
		what: `${request.method} ${request.endpoint}`,
		timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		makeBody: typeof body === 'function' ? async () => await body() : async () => body,
		state: {
			isRead: request.method === 'GET',
			failures: 0,
			maxRetries: request.maxRetries ?? DEFAULT_MAX_RETRIES,
			baseDelayMs: request.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
			clockRetries: 0,
			rateLimitWaitedMs: 0,
			rateLimitBudgetMs: request.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS,
			canResend: typeof body === 'function' || !isStream(body),
		},
	};
}

/**
 * Send: waits for a slot (429 pauses count against the Rate-Limit Wait Budget) and makes one attempt, bounded by its total deadline. A 429 pause begun
 * after the slot was taken is waited out by the credential's authenticate, within the same budget
 * and the attempt's deadline (the ticket).
 */
async function sendAttempt(run: RequestRun): Promise<Attempt> {
	await takeSlot(run);
	const deadline = AbortSignal.timeout(run.timeoutMs);
	const signal = run.cancelSignal ? AbortSignal.any([run.cancelSignal, deadline]) : deadline;
	const { state } = run;
	const ticket = openTicket(signal, state.rateLimitBudgetMs - state.rateLimitWaitedMs);
	const sentAt = Date.now();
	let bodyEnded: (() => boolean) | undefined;
	try {
		const sent = await run.makeBody();
		bodyEnded = endWatch(sent);
		const response = await withDeadline(callHelper(run, sent, signal), signal);
		const clockMoved = learnServerClock(run.url, response.headers?.date, sentAt);
		const { statusCode: status, headers, body } = response;
		return { outcome: { kind: 'answer', status, headers, body, clockMoved }, response };
	} catch (error) {
		if (run.cancelSignal?.aborted) throw cancelledError(run);
		// Unsent only when a 429 pause held it back: a plain timeout (no pause waited) stays a timeout.
		if (
			!ticket.cleared &&
			(ticket.exceededMs !== undefined || (deadline.aborted && ticket.pausedMs > 0))
		)
			throw unsentError(run, ticket);
		const deadlineMs = deadline.aborted ? run.timeoutMs : undefined;
		const bodyUnsent = deadlineMs === undefined && bodyEnded?.() === false;
		return { outcome: { kind: 'networkError', bodyUnsent }, networkError: error, deadlineMs };
	} finally {
		state.rateLimitWaitedMs += ticket.pausedMs;
	}
}

/** A 429 pause kept the attempt from being sent: past its budget, or until its Timeout. Nothing was sent. */
function unsentError(run: RequestRun, ticket: SendTicket): NodeApiError {
	const summary =
		ticket.exceededMs !== undefined
			? rateLimitBudgetSummary(run.what, ticket.exceededMs, run.state.rateLimitBudgetMs)
			: pauseOutlastedTimeoutSummary(run.what, run.timeoutMs);
	return apiError(run.context.getNode(), run.credentials, summary, 429, run.request.itemIndex);
}

/**
 * For a streamed body (an upload): whether it has been read to its end. Until then its last byte
 * has not left, so a connection that fails meanwhile cannot have delivered the whole request.
 */
function endWatch(body: unknown): (() => boolean) | undefined {
	if (!isStream(body)) return undefined;
	let ended = false;
	(body as NodeJS.EventEmitter).once('end', () => (ended = true));
	return () => ended;
}

/** n8n cancelled the execution while this request waited or was under way. */
function cancelledError(run: RequestRun): NodeOperationError {
	return new NodeOperationError(
		run.context.getNode(),
		`The execution was cancelled during ${run.what}`,
		{
			itemIndex: run.request.itemIndex,
		},
	);
}

/** Waits for the limiter; its 429 pauses count against the budget, and one too long fails at once. */
async function takeSlot(run: RequestRun): Promise<void> {
	const { state } = run;
	try {
		const budgetLeft = state.rateLimitBudgetMs - state.rateLimitWaitedMs;
		state.rateLimitWaitedMs += await run.limiter.acquire(run.cancelSignal, budgetLeft);
	} catch (error) {
		if (!(error instanceof RateLimitWaitExceeded)) throw cancelledError(run);
		const summary = rateLimitBudgetSummary(run.what, error.pauseMs, state.rateLimitBudgetMs);
		throw apiError(run.context.getNode(), run.credentials, summary, 429, run.request.itemIndex);
	}
}

/**
 * n8n's modern helper replaces `abortSignal` with the execution's cancel signal when the context
 * has one (n8n-core request-helpers/authentication.js), so the attempt's own signal is handed over
 * as that cancel signal; it also goes in `abortSignal` for contexts without one.
 */
async function callHelper(
	run: RequestRun,
	body: RequestBody | undefined,
	signal: AbortSignal,
): Promise<RawResponse> {
	const options: IHttpRequestOptions = {
		method: run.request.method,
		url: run.url,
		headers: run.request.headers,
		body: body as IHttpRequestOptions['body'],
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The idle limit of n8n's HTTP client; the total one is `signal`.
		timeout: run.timeoutMs,
		abortSignal: signal,
		// coreplus does not redirect API calls. Following redirects would also make the HTTP
		// client keep every uploaded byte in memory (to resend it) and forward signed tokens.
		disableFollowRedirect: true,
	};
	const caller = Object.create(run.context, { getExecutionCancelSignal: { value: () => signal } });
	return (await run.context.helpers.httpRequestWithAuthentication.call(
		caller as IExecuteFunctions,
		CREDENTIAL_TYPE,
		options,
	)) as RawResponse;
}

/** Settles with `work`, or rejects when `signal` aborts first (a helper that ignores signals still stops being waited for). */
async function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
		work.catch(() => {}); // settled later, after the deadline: nothing is waiting for it
	}
}

/** Read: what the answer means (decideRetry) and what it tells the consumer's limiter. */
function readAttempt(run: RequestRun, attempt: Attempt): RetryDecision {
	const { outcome } = attempt;
	// The limiter counts on the monotonic clock; Retry-After as an HTTP date is on the server's clock.
	const now = monotonicNow();
	const serverNow = Date.now() + clockSkewFor(run.url);
	const decision = decideRetry(outcome, run.state, serverNow, Math.random());
	if (outcome.kind !== 'answer') return decision;
	if (outcome.status === 429) {
		const pause =
			decision.action === 'retry'
				? decision.afterMs
				: (retryAfterMs(outcome.headers, serverNow) ?? RATE_LIMIT_PAUSE_MS);
		run.limiter.noteRateLimited(pause, now);
	} else if (outcome.status < 400) run.limiter.noteServed(now);
	return decision;
}

/** Recover: the wait before the next attempt. After a 429 the limiter's pause is that wait (counted in sendAttempt). */
async function recover(
	run: RequestRun,
	decision: Extract<RetryDecision, { action: 'retry' }>,
): Promise<void> {
	if (decision.cause === 'rateLimit') return;
	if (decision.cause === 'clock') run.state.clockRetries++;
	else run.state.failures++;
	await cancellableWait(decision.afterMs, run.cancelSignal);
}

/** The error for a failed attempt: the outcome is unknown when a write's answer was lost or unreadable. */
function attemptError(
	run: RequestRun,
	attempt: Attempt,
	cause: string,
	attempts: number,
): NodeApiError {
	const { context, credentials, request, what, state } = run;
	const node = context.getNode();
	if (cause === 'unsent') {
		const summary = unsentFailureSummary(attempt.networkError, what, attempts);
		return apiError(node, credentials, summary, undefined, request.itemIndex);
	}
	if (cause === 'network') {
		const summary = networkFailureSummary(
			attempt.networkError,
			what,
			state.isRead,
			attempts,
			attempt.deadlineMs,
		);
		const ErrorClass = state.isRead ? NodeApiError : CoreplusOutcomeUnknownError;
		return apiError(node, credentials, summary, undefined, request.itemIndex, ErrorClass);
	}
	const response = attempt.response!;
	const summary = answerFailureSummary(cause, what, state.isRead, attempts, response);
	const unknownOutcome = cause === 'unreadable' && !state.isRead;
	const ErrorClass = unknownOutcome ? CoreplusOutcomeUnknownError : NodeApiError;
	return apiError(node, credentials, summary, response.statusCode, request.itemIndex, ErrorClass);
}
