import { sleep } from 'n8n-workflow';

import { originOf } from './clock';
import { RateControl } from './rateControl';

/**
 * coreplus allows 10 requests per second per consumer and answers 429 above it. Every request
 * of one consumer on one server in this process (parallel items, dropdowns, other executions,
 * other nodes using the credential) shares one limiter:
 * - a sliding window of send times; a slot is reserved before the call and re-stamped when the
 *   request is really sent (the credential's authenticate runs right before the HTTP client), so a
 *   stall between the two cannot squeeze 11 sends into one second;
 * - after a 429 every request of the consumer pauses (Retry-After, or a back-off), and the rate
 *   adapts (rateControl.ts).
 * The bookkeeping is O(1) per request (two time-ordered queues), as authenticate() runs it for
 * every request (signing overhead).
 */
export const REQUESTS_PER_WINDOW = 10;
// A little over one second, so that network jitter cannot squeeze 11 arrivals into one second.
export const WINDOW_MS = 1050;
// Starts are also spaced a little, so that a burst of starts does not reach the server at once.
export const MIN_SPACING_MS = 50;

/** Raised when a 429 pause would take a request past its Rate-Limit Wait Budget (nothing was sent). */
export class RateLimitWaitExceeded extends Error {
	constructor(readonly pauseMs: number) {
		super(`coreplus asked this consumer to wait ${Math.ceil(pauseMs / 1000)} s (429)`);
	}
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

/** Times in the order they were added; O(1) push, peek and drop from the front. */
class TimeQueue {
	private items: number[] = [];
	private head = 0;

	get length(): number {
		return this.items.length - this.head;
	}

	push(at: number): void {
		this.items.push(at);
	}

	first(): number | undefined {
		return this.length ? this.items[this.head] : undefined;
	}

	last(): number | undefined {
		return this.length ? this.items[this.items.length - 1] : undefined;
	}

	shift(): void {
		this.head++;
		// Compacted now and then, so the array never holds more than a window's worth for long.
		if (this.head > 32 && this.head * 2 > this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}
	}

	dropUpTo(cutoff: number): void {
		while (this.length && this.items[this.head] <= cutoff) this.shift();
	}
}

export class ConsumerLimiter {
	/** Send times of requests on the wire within the window (non-decreasing: stamped at send). */
	private readonly sent = new TimeQueue();
	/** Reservation times of slots taken by `acquire` and not yet sent, oldest first. */
	private readonly reserved = new TimeQueue();
	private pausedUntil = 0;
	/** The first 429 of a burst lowers the rate; 429s answered before this belong to that burst. */
	private burstUntil = 0;
	private readonly control: RateControl;

	constructor(
		private readonly maxRequests = REQUESTS_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
		private readonly minSpacingMs = MIN_SPACING_MS,
		random: () => number = Math.random,
	) {
		this.control = new RateControl(maxRequests, windowMs, random);
	}

	/** The current rate, for conformance output and tests. */
	get requestsPerWindow(): number {
		return this.control.rate;
	}

	/** True when nothing of this limiter matters any more (no pause, nothing in the window, full rate). */
	isIdle(now = Date.now()): boolean {
		this.dropExpired(now);
		return (
			this.sent.length + this.reserved.length === 0 &&
			this.pausedUntil <= now &&
			this.control.rate >= this.maxRequests
		);
	}

	/** True while a 429 pause runs. */
	isPaused(now = Date.now()): boolean {
		return this.pausedUntil > now;
	}

	private dropExpired(now: number): void {
		this.sent.dropUpTo(now - this.windowMs);
		this.reserved.dropUpTo(now - this.windowMs);
	}

	/**
	 * Resolves when a request may start, reserving its slot (re-stamped by `noteSent`), with the time
	 * it waited for 429 pauses. A pause longer than `pauseBudgetMs` (what is left of the request's
	 * Rate-Limit Wait Budget) fails at once with RateLimitWaitExceeded instead of being waited out.
	 */
	async acquire(signal?: AbortSignal, pauseBudgetMs = Infinity): Promise<number> {
		let pausedMs = 0;
		for (;;) {
			const now = Date.now();
			const wait = this.waitBeforeStart(now);
			if (wait.total <= 0) {
				this.reserved.push(now);
				return pausedMs;
			}
			if (wait.pause > 0 && pausedMs + wait.pause > pauseBudgetMs) {
				throw new RateLimitWaitExceeded(wait.pause);
			}
			await cancellableWait(Math.max(wait.total, 1), signal);
			pausedMs += Math.max(0, Math.min(wait.total, wait.pause));
		}
	}

	/** How long a request starting now must wait, in all and for a 429 pause. */
	private waitBeforeStart(now: number): { total: number; pause: number } {
		this.dropExpired(now);
		const count = this.sent.length + this.reserved.length;
		const allowed = Math.max(1, Math.floor(this.control.rate));
		const latest = Math.max(this.sent.last() ?? -Infinity, this.reserved.last() ?? -Infinity);
		const oldest = Math.min(this.sent.first() ?? Infinity, this.reserved.first() ?? Infinity);
		const spacing = latest + this.spacingMs() - now;
		const window = count < allowed ? 0 : oldest + this.windowMs - now + 1;
		const pause = this.pausedUntil - now;
		return { total: Math.max(spacing, window, pause), pause };
	}

	/**
	 * Alone at the full rate, starts are only spaced a little. Below it (after a 429, so probably
	 * sharing the consumer), they are spread evenly over the window: a refusal then falls on the
	 * processes in proportion to their rates, not always on the one whose burst comes second.
	 */
	private spacingMs(): number {
		const { rate } = this.control;
		return rate < this.maxRequests
			? Math.max(this.minSpacingMs, this.windowMs / rate)
			: this.minSpacingMs;
	}

	/**
	 * Resolves once no 429 pause is running. Called by the credential's authenticate, right before
	 * sending, so that other nodes' requests (which never `acquire`) wait too.
	 */
	async untilResumed(): Promise<void> {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now())
			await sleep(wait);
	}

	/** The request is going on the wire now: its reserved slot (or a new one) takes this time. */
	noteSent(now = Date.now()): void {
		// Requests of other nodes using the credential (HTTP Request) come here without `acquire`.
		this.dropExpired(now);
		if (this.reserved.length) this.reserved.shift();
		// Never earlier than the last send, so the queue stays in order (the clock may step back).
		this.sent.push(Math.max(now, this.sent.last() ?? now));
	}

	/**
	 * A 429: every request of this consumer waits; the first 429 of a burst also lowers the rate,
	 * and a second one in the burst tells the rate control the consumer is shared.
	 */
	noteRateLimited(waitMs: number, now = Date.now()): void {
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		if (now < this.burstUntil) return this.control.refusedAgain();
		this.burstUntil = this.pausedUntil;
		// Refused below its own limit (one send of network jitter allowed), this process was not the
		// only one counted: the consumer is shared, whatever the last minute looked like.
		this.dropExpired(now);
		const belowOwnLimit = this.sent.length < Math.floor(this.control.rate) - 1;
		this.control.refused(now, belowOwnLimit);
	}

	/** A served answer: the rate may take its next step up. */
	noteServed(now = Date.now()): void {
		this.control.served(now);
	}
}

// Owned here and bounded: idle limiters (nothing in the window, no pause, full rate) are dropped
// when the map grows, as they hold nothing a new limiter would not.
const limiters = new Map<string, ConsumerLimiter>();
const MAX_LIMITERS = 64;

/** One limiter per coreplus consumer and server (normalised origin), shared process-wide. */
export function limiterFor(apiUrl: string, consumerId: string): ConsumerLimiter {
	const key = `${originOf(apiUrl)}\u0000${consumerId}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		if (limiters.size >= MAX_LIMITERS) dropIdleLimiters();
		limiter = new ConsumerLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}

function dropIdleLimiters(): void {
	for (const [key, limiter] of limiters) if (limiter.isIdle()) limiters.delete(key);
	// All busy (64 consumers at once): the oldest goes; at worst its requests are paced afresh.
	if (limiters.size >= MAX_LIMITERS) limiters.delete(limiters.keys().next().value!);
}

/** How many limiters the process holds (for the bound's test). */
export function limiterCount(): number {
	return limiters.size;
}
