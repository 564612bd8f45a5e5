import { sleep } from 'n8n-workflow';

import { originOf } from './clock';

/**
 * coreplus allows 10 requests per second per consumer and answers 429 above it. Every request
 * of one consumer on one server in this process (parallel items, dropdowns, other executions,
 * other nodes using the credential) shares one limiter:
 * - a sliding window of send times; a slot is reserved before the call and re-stamped when the
 *   request is really sent (the credential's authenticate runs right before the HTTP client), so a
 *   stall between the two cannot squeeze 11 sends into one second;
 * - after a 429 every request of the consumer pauses (Retry-After, or a back-off) and the rate
 *   halves, then grows back by one request per window while answers succeed (AIMD), so several
 *   processes sharing a consumer settle on the shared limit instead of failing.
 */
export const REQUESTS_PER_WINDOW = 10;
// A little over one second, so that network jitter cannot squeeze 11 arrivals into one second.
export const WINDOW_MS = 1050;
// Starts are also spaced a little, so that a burst of starts does not reach the server at once.
export const MIN_SPACING_MS = 50;

interface Stamp {
	at: number;
	sent: boolean;
}

/** Waits `ms`, or rejects as soon as n8n cancels the execution. */
export async function cancellableWait(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	const cancelled = () => new Error('The execution was cancelled while waiting for coreplus');
	if (signal.aborted) throw cancelled();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(cancelled());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

export class ConsumerLimiter {
	private readonly stamps: Stamp[] = [];
	private pausedUntil = 0;
	/** Requests allowed per window right now (AIMD); never above the documented limit. */
	private rate: number;
	private lastRateChange = 0;

	constructor(
		private readonly maxRequests = REQUESTS_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
		private readonly minSpacingMs = MIN_SPACING_MS,
	) {
		this.rate = maxRequests;
	}

	/** The current rate, for conformance output and tests. */
	get requestsPerWindow(): number {
		return Math.floor(this.rate);
	}

	/** Resolves when a request may start; its slot is reserved now and re-stamped by `noteSent`. */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.stamps.length && this.stamps[0].at <= now - this.windowMs) this.stamps.shift();
			const last = this.stamps.reduce((latest, stamp) => Math.max(latest, stamp.at), -Infinity);
			const spacingWait = last + this.minSpacingMs - now;
			const pauseWait = this.pausedUntil - now;
			const allowed = Math.max(1, Math.floor(this.rate));
			if (this.stamps.length < allowed && spacingWait <= 0 && pauseWait <= 0) {
				this.stamps.push({ at: now, sent: false });
				return;
			}
			const oldest = Math.min(...this.stamps.map((stamp) => stamp.at));
			const windowWait = this.stamps.length < allowed ? 0 : oldest + this.windowMs - now + 1;
			await cancellableWait(Math.max(windowWait, spacingWait, pauseWait, 1), signal);
		}
	}

	/**
	 * Resolves once no 429 pause is running. Called by the credential's authenticate, right before
	 * sending, so that requests already past `acquire` (and other nodes' requests) wait too.
	 */
	async untilResumed(): Promise<void> {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await sleep(wait);
	}

	/** The request is going on the wire now: its reserved slot (or a new one) takes this time. */
	noteSent(now = Date.now()): void {
		const reserved = this.stamps.find((stamp) => !stamp.sent);
		if (reserved) {
			reserved.at = now;
			reserved.sent = true;
		} else {
			this.stamps.push({ at: now, sent: true });
		}
		this.stamps.sort((a, b) => a.at - b.at);
	}

	/** A 429: every request of this consumer waits, and the rate halves. */
	noteRateLimited(waitMs: number, now = Date.now()): void {
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		this.rate = Math.max(1, this.rate / 2);
		this.lastRateChange = now;
	}

	/** A served answer: the rate grows back by one request per window. */
	noteServed(now = Date.now()): void {
		if (this.rate >= this.maxRequests || now - this.lastRateChange < this.windowMs) return;
		this.rate = Math.min(this.maxRequests, this.rate + 1);
		this.lastRateChange = now;
	}
}

const limiters = new Map<string, ConsumerLimiter>();

/** One limiter per coreplus consumer and server (normalised origin), shared process-wide. */
export function limiterFor(apiUrl: string, consumerId: string): ConsumerLimiter {
	const key = `${originOf(apiUrl)}\u0000${consumerId}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new ConsumerLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}
