import type { IDataObject } from 'n8n-workflow';

/**
 * What to do after one attempt, as one pure function the request loop calls (and tests read as a
 * table). A 429 and a 401 after the server's clock was learned both prove coreplus did not act,
 * so they are retried for writes too; anything else is retried only for reads.
 */
export type AttemptOutcome =
	| { kind: 'answer'; status: number; headers?: IDataObject; body: unknown; clockMoved?: boolean }
	| {
			kind: 'networkError';
			/**
			 * The connection failed before the body's last byte was handed over (a server that answers
			 * a large upload early, e.g. with 429, and closes): coreplus cannot have acted on it.
			 */
			bodyUnsent?: boolean;
	  };

export interface RetryState {
	isRead: boolean;
	/** Failed attempts so far that count against maxRetries (5xx, resets, unreadable answers). */
	failures: number;
	maxRetries: number;
	baseDelayMs: number;
	/** Retries because the server's clock moved (a candidate, then its confirmation: at most MAX_CLOCK_RETRIES). */
	clockRetries: number;
	/** Time already spent waiting because of 429 answers, and how much may be spent. */
	rateLimitWaitedMs: number;
	rateLimitBudgetMs: number;
	/** False when the body is a stream that was consumed and cannot be rebuilt. */
	canResend: boolean;
}

export type RetryDecision =
	| { action: 'return' }
	| {
			action: 'retry';
			afterMs: number;
			cause: 'clock' | 'rateLimit' | 'server' | 'network' | 'unreadable' | 'unsent';
	  }
	| {
			action: 'fail';
			cause: 'redirect' | 'status' | 'network' | 'unreadable' | 'rateLimit' | 'unsent';
	  };

// A new offset is used only once a second answer confirms it (clock.ts): the first 401 teaches a
// candidate, the second confirms it, the third attempt is signed on the server's clock.
export const MAX_CLOCK_RETRIES = 2;
const RETRYABLE_READ_STATUS = new Set([500, 502, 503, 504]);
const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;
// Without Retry-After a 429 is waited out for half of coreplus' one-second window: the limiter
// lowers the rate at the same time, and a longer pause only leaves the shared budget unused.
export const RATE_LIMIT_PAUSE_MS = 500;

/** Retry-After as seconds or an HTTP date, in milliseconds from `nowMs`; undefined when absent or unreadable. */
export function retryAfterMs(headers: IDataObject | undefined, nowMs: number): number | undefined {
	const value = headers?.['retry-after'];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
	const date = Date.parse(text);
	return Number.isFinite(date)
		? Math.min(Math.max(date - nowMs, 0), MAX_RETRY_AFTER_MS)
		: undefined;
}

/** Exponential back-off with jitter (`random` in 0..1), so that parallel callers spread out. */
function backoffMs(failures: number, baseMs: number, random: number): number {
	return Math.min(baseMs * 2 ** failures, MAX_BACKOFF_MS) + Math.floor(random * baseMs);
}

export function decideRetry(
	outcome: AttemptOutcome,
	state: RetryState,
	nowMs: number,
	random = 0.5,
): RetryDecision {
	const mayRetryRead = state.isRead && state.failures < state.maxRetries;
	const backoff = () => backoffMs(state.failures, state.baseDelayMs, random);
	if (outcome.kind === 'networkError') {
		// A write never fully sent is safe to send again, as often as a failing read.
		if (outcome.bodyUnsent && !state.isRead) {
			return state.canResend && state.failures < state.maxRetries
				? { action: 'retry', afterMs: backoff(), cause: 'unsent' }
				: { action: 'fail', cause: 'unsent' };
		}
		return mayRetryRead
			? { action: 'retry', afterMs: backoff(), cause: 'network' }
			: { action: 'fail', cause: 'network' };
	}
	const { status, body, headers } = outcome;
	if (status >= 300 && status < 400) return { action: 'fail', cause: 'redirect' };
	if (status < 300) {
		// A body that is not JSON (truncated or a proxy page) is treated like a server error.
		if (typeof body === 'string' && body.length) {
			return mayRetryRead
				? { action: 'retry', afterMs: backoff(), cause: 'unreadable' }
				: { action: 'fail', cause: 'unreadable' };
		}
		return { action: 'return' };
	}
	if (
		status === 401 &&
		outcome.clockMoved &&
		state.clockRetries < MAX_CLOCK_RETRIES &&
		state.canResend
	) {
		return { action: 'retry', afterMs: 0, cause: 'clock' };
	}
	if (status === 429) {
		const wait = retryAfterMs(headers, nowMs) ?? RATE_LIMIT_PAUSE_MS;
		if (
			state.canResend &&
			state.rateLimitBudgetMs > 0 &&
			state.rateLimitWaitedMs + wait <= state.rateLimitBudgetMs
		) {
			return { action: 'retry', afterMs: wait, cause: 'rateLimit' };
		}
		return { action: 'fail', cause: 'rateLimit' };
	}
	if (mayRetryRead && RETRYABLE_READ_STATUS.has(status))
		return { action: 'retry', afterMs: backoff(), cause: 'server' };
	return { action: 'fail', cause: 'status' };
}
