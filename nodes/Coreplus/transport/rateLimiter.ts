import { sleep } from 'n8n-workflow';

import { monotonicNow, originOf } from './clock';
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
 * - with a declared share (n8n processes sharing the consumer, a credential setting) the process
 *   paces itself at 10 requests per second divided by that number, spread evenly.
 * The bookkeeping is O(1) per request (two time-ordered queues), as authenticate() runs it for
 * every request. Every time here is on the monotonic clock (clock.ts): a step of the wall clock
 * changes nothing.
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

/**
 * One attempt of our own request, from its slot to its send, keyed by the attempt's abort signal:
 * the credential's authenticate (which only sees the request options) waits out a 429 pause begun
 * in between within what is left of the attempt's budget, and ends with the attempt's Timeout.
 */
export interface SendTicket {
	budgetMs: number;
	pausedMs: number;
	/** Set when a pause longer than the budget refused the send. */
	exceededMs?: number;
	/** True once authenticate let the request go (it was signed and handed to the HTTP client). */
	cleared: boolean;
}

const tickets = new WeakMap<AbortSignal, SendTicket>();

export function openTicket(signal: AbortSignal, budgetMs: number): SendTicket {
	const ticket: SendTicket = { budgetMs, pausedMs: 0, cleared: false };
	tickets.set(signal, ticket);
	return ticket;
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
	private pausedUntil = -Infinity;
	/** The first 429 of a burst lowers the rate; 429s answered before this belong to that burst. */
	private burstUntil = -Infinity;
	private control: RateControl;
	/** How many n8n processes declared to share the consumer (1: alone, or not declared). */
	private share = 1;
	/** The window this process counts in: the consumer's window times its share. */
	private windowMs: number;

	constructor(
		private readonly maxRequests = REQUESTS_PER_WINDOW,
		private readonly consumerWindowMs = WINDOW_MS,
		private readonly minSpacingMs = MIN_SPACING_MS,
		private readonly random: () => number = Math.random,
	) {
		this.windowMs = consumerWindowMs;
		this.control = new RateControl(maxRequests, consumerWindowMs, random);
	}

	/**
	 * The declared number of n8n processes sharing this consumer: each then starts at most
	 * `maxRequests` per `share` windows, evenly spaced, and its rate control (after a 429) never
	 * climbs above that, so no process probes into the others' share.
	 */
	setShare(share: number): void {
		if (share === this.share) return;
		this.share = share;
		this.windowMs = this.consumerWindowMs * share;
		this.control = new RateControl(this.maxRequests, this.windowMs, this.random);
	}

	/** The current rate, for conformance output and tests. */
	get requestsPerWindow(): number {
		return this.control.rate;
	}

	/** True when nothing of this limiter matters any more (no pause, nothing in the window, full rate). */
	isIdle(now = monotonicNow()): boolean {
		this.dropExpired(now);
		return (
			this.sent.length + this.reserved.length === 0 &&
			this.pausedUntil <= now &&
			this.control.rate >= this.maxRequests &&
			this.share === 1
		);
	}

	/** True while a 429 pause runs. */
	isPaused(now = monotonicNow()): boolean {
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
	 * Waiting for pace is waiting behind this process' own requests: one slot is at most a window
	 * away (the clock never steps), and a long line is work queued, not bounded by a Timeout (a
	 * listing of 5,000 clients in ten executions at once queues 500 requests: 100 s at half the rate).
	 */
	async acquire(signal?: AbortSignal, pauseBudgetMs = Infinity): Promise<number> {
		let pausedMs = 0;
		for (;;) {
			const now = monotonicNow();
			const wait = this.waitBeforeStart(now);
			if (wait.total <= 0) {
				this.reserved.push(now);
				return pausedMs;
			}
			const pause = Math.max(0, wait.pause);
			if (pause > 0 && pausedMs + pause > pauseBudgetMs) throw new RateLimitWaitExceeded(pause);
			await cancellableWait(Math.max(wait.total, 1), signal);
			pausedMs += Math.min(wait.total, pause);
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
		return rate < this.maxRequests || this.share > 1
			? Math.max(this.minSpacingMs, this.windowMs / rate)
			: this.minSpacingMs;
	}

	/**
	 * Resolves once no 429 pause is running. Called by the credential's authenticate, right before
	 * sending, so that other nodes' requests (which never `acquire`) wait too. `signal` is the
	 * request's abort signal: it ends the wait (cancellation, our attempt's Timeout), and for our own
	 * attempts names the ticket whose budget the wait counts against.
	 */
	async untilResumed(signal?: AbortSignal): Promise<void> {
		const ticket = signal && tickets.get(signal);
		for (let wait = this.pausedUntil - monotonicNow(); wait > 0;) {
			if (ticket && ticket.pausedMs + wait > ticket.budgetMs) {
				ticket.exceededMs = wait;
				throw new RateLimitWaitExceeded(wait);
			}
			if (ticket) ticket.pausedMs += wait;
			await cancellableWait(wait, signal);
			wait = this.pausedUntil - monotonicNow();
		}
		if (ticket) ticket.cleared = true;
	}

	/** The request is going on the wire now: its reserved slot (or a new one) takes this time. */
	noteSent(now = monotonicNow()): void {
		// Requests of other nodes using the credential (HTTP Request) come here without `acquire`.
		this.dropExpired(now);
		if (this.reserved.length) this.reserved.shift();
		this.sent.push(now);
	}

	/**
	 * A 429: every request of this consumer waits; the first 429 of a burst also lowers the rate,
	 * and a second one in the burst tells the rate control the consumer is shared.
	 */
	noteRateLimited(waitMs: number, now = monotonicNow()): void {
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
	noteServed(now = monotonicNow()): void {
		this.control.served(now);
	}
}

// Owned here and bounded: idle limiters (nothing in the window, no pause, full rate) are dropped
// when the map grows, as they hold nothing a new limiter would not.
const limiters = new Map<string, ConsumerLimiter>();
const MAX_LIMITERS = 64;

/**
 * One limiter per coreplus consumer and server (normalised origin), shared process-wide. `share`,
 * when given, is the credential's declared number of processes sharing the consumer.
 */
export function limiterFor(apiUrl: string, consumerId: string, share?: number): ConsumerLimiter {
	const key = `${originOf(apiUrl)}\u0000${consumerId}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		if (limiters.size >= MAX_LIMITERS) dropIdleLimiters();
		limiter = new ConsumerLimiter();
		limiters.set(key, limiter);
	}
	// A setting that is not allowed is refused before sending (credentials.ts); it changes nothing here.
	if (share !== undefined && Number.isInteger(share) && share >= 1) limiter.setShare(share);
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
