import { sleep } from 'n8n-workflow';

/**
 * coreplus allows 10 requests per second per consumer and answers 429 above it. Every request
 * of one credential in this process (parallel items, dropdowns, other executions) takes a slot
 * from the same sliding window, so concurrent paging runs at the limit and never over it.
 */
export const REQUESTS_PER_WINDOW = 10;
// A little over one second, so that network jitter cannot squeeze 11 arrivals into one second.
export const WINDOW_MS = 1050;
// Starts are also spaced a little: a burst of starts leaves the event loop signing and sending them
// one after another, so the first ones reach the server tens of milliseconds late and the window
// above no longer holds at the server's end (measured: 60 ms spread, enough for a 429).
export const MIN_SPACING_MS = 50;

export class SlidingWindowLimiter {
	private readonly starts: number[] = [];

	constructor(
		private readonly maxRequests = REQUESTS_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
		private readonly minSpacingMs = MIN_SPACING_MS,
	) {}

	/** Resolves when a request may start; the slot is taken at that moment. */
	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.starts.length && this.starts[0] <= now - this.windowMs) this.starts.shift();
			const last = this.starts[this.starts.length - 1];
			const spacingWait = last === undefined ? 0 : last + this.minSpacingMs - now;
			if (this.starts.length < this.maxRequests && spacingWait <= 0) {
				this.starts.push(now);
				return;
			}
			const windowWait = this.starts.length < this.maxRequests ? 0 : this.starts[0] + this.windowMs - now + 1;
			await sleep(Math.max(windowWait, spacingWait, 1));
		}
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/** One limiter per coreplus consumer and server, shared process-wide. */
export function limiterFor(apiUrl: string, consumerId: string): SlidingWindowLimiter {
	const key = `${apiUrl}\u0000${consumerId}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}
