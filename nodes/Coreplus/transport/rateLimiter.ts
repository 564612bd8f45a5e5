import { sleep } from 'n8n-workflow';

import { originOf } from './clock';

/**
 * coreplus allows 10 requests per second per consumer and answers 429 above it. Every request
 * of one consumer on one server in this process (parallel items, dropdowns, other executions,
 * other nodes using the credential) shares one limiter:
 * - a sliding window of send times; a slot is reserved before the call and re-stamped when the
 *   request is really sent (the credential's authenticate runs right before the HTTP client), so a
 *   stall between the two cannot squeeze 11 sends into one second;
 * - after a 429 every request of the consumer pauses (Retry-After, or a back-off). Other
 *   processes (n8n workers) may share the consumer and nothing is shared between them, so each
 *   converges on its share by reacting to 429s alone: a burst of 429s is one
 *   signal that lowers the rate by about 30 % and spreads sends evenly over the window; the rate
 *   climbs back one step per (jittered) window to just below the level that was refused, and
 *   steps to that level or beyond are probes, each after a jittered wait that doubles after a
 *   failed probe and halves after a successful one.
 */
export const REQUESTS_PER_WINDOW = 10;
// A little over one second, so that network jitter cannot squeeze 11 arrivals into one second.
export const WINDOW_MS = 1050;
// Starts are also spaced a little, so that a burst of starts does not reach the server at once.
export const MIN_SPACING_MS = 50;
// One burst of 429s lowers the rate to about this share (and by at least one request per window).
export const DECREASE_FACTOR = 0.7;
// The first probe back to the level that met a 429 waits this long; failed probes double the wait up to the maximum.
export const FIRST_PROBE_WAIT_MS = 4_000;
export const MAX_PROBE_WAIT_MS = 16_000;

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
	/** Stamps reserved by `acquire` and not yet sent (so a send without one needs no search). */
	private reservations = 0;
	private pausedUntil = 0;
	/** Requests allowed per window right now; never above the documented limit. */
	private rate: number;
	private lastRateChange = 0;
	/** The rate that last met a 429; steps to it and beyond are probes. */
	private congestedRate?: number;
	/** 429s answered before this belong to the burst already counted (requests sent before the pause). */
	private burstUntil = 0;
	private probeWaitMs = FIRST_PROBE_WAIT_MS;
	/** probeWaitMs with jitter, drawn once per change, so that processes sharing a consumer probe at different times. */
	private jitteredProbeWaitMs = FIRST_PROBE_WAIT_MS;
	/** The wait between steps below the refused level, jittered too, so that workers refused together do not climb in step. */
	private jitteredWindowMs: number;

	constructor(
		private readonly maxRequests = REQUESTS_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
		private readonly minSpacingMs = MIN_SPACING_MS,
		private readonly random: () => number = Math.random,
	) {
		this.rate = maxRequests;
		this.jitteredWindowMs = windowMs;
	}

	/** The current rate, for conformance output and tests. */
	get requestsPerWindow(): number {
		return this.rate;
	}

	/** Forgets sends that have left the window (the stamps are kept in time order). */
	private dropExpired(now: number): void {
		while (this.stamps.length && this.stamps[0].at <= now - this.windowMs) {
			if (!this.stamps.shift()!.sent) this.reservations--;
		}
	}

	/** Resolves when a request may start; its slot is reserved now and re-stamped by `noteSent`. */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = Date.now();
			this.dropExpired(now);
			const last = this.stamps.reduce((latest, stamp) => Math.max(latest, stamp.at), -Infinity);
			const spacingWait = last + this.spacingMs() - now;
			const pauseWait = this.pausedUntil - now;
			const allowed = Math.max(1, Math.floor(this.rate));
			if (this.stamps.length < allowed && spacingWait <= 0 && pauseWait <= 0) {
				this.stamps.push({ at: now, sent: false });
				this.reservations++;
				return;
			}
			const oldest = Math.min(...this.stamps.map((stamp) => stamp.at));
			const windowWait = this.stamps.length < allowed ? 0 : oldest + this.windowMs - now + 1;
			await cancellableWait(Math.max(windowWait, spacingWait, pauseWait, 1), signal);
		}
	}

	/**
	 * Alone at the full rate, starts are only spaced a little. Below it (after a 429, so probably
	 * sharing the consumer), they are spread evenly over the window: a refusal then falls on the
	 * processes in proportion to their rates, not always on the one whose burst comes second.
	 */
	private spacingMs(): number {
		return this.rate < this.maxRequests
			? Math.max(this.minSpacingMs, this.windowMs / this.rate)
			: this.minSpacingMs;
	}

	/**
	 * Resolves once no 429 pause is running. Called by the credential's authenticate, right before
	 * sending, so that requests already past `acquire` (and other nodes' requests) wait too.
	 */
	async untilResumed(): Promise<void> {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now())
			await sleep(wait);
	}

	/** The request is going on the wire now: its reserved slot (or a new one) takes this time. */
	noteSent(now = Date.now()): void {
		// Requests of other nodes using the credential (HTTP Request) come here without `acquire`:
		// without this the window would only ever grow.
		this.dropExpired(now);
		const reserved = this.reservations ? this.stamps.find((stamp) => !stamp.sent) : undefined;
		if (reserved) {
			reserved.at = now;
			reserved.sent = true;
			this.reservations--;
			this.stamps.sort((a, b) => a.at - b.at);
			return;
		}
		// A send without a reservation is the newest: appending keeps the time order.
		const last = this.stamps[this.stamps.length - 1];
		this.stamps.push({ at: now, sent: true });
		if (last && last.at > now) this.stamps.sort((a, b) => a.at - b.at);
	}

	/** A 429: every request of this consumer waits; the first 429 of a burst also lowers the rate. */
	noteRateLimited(waitMs: number, now = Date.now()): void {
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		if (now < this.burstUntil) return;
		this.burstUntil = this.pausedUntil;
		const level = this.rate;
		// Refused at or above the level refused last time: that probe failed, so the next one waits longer.
		if (this.congestedRate !== undefined && level >= this.congestedRate) {
			this.probeWaitMs = Math.min(MAX_PROBE_WAIT_MS, this.probeWaitMs * 2);
		}
		if (this.congestedRate === undefined) {
			// The first 429 at the full rate: other processes share the consumer, how many is unknown.
			// Half is the share of two; every step above it is a probe.
			this.rate = Math.max(1, Math.floor(level / 2));
			this.congestedRate = this.rate + 1;
		} else {
			this.congestedRate = level;
			this.rate = Math.max(1, Math.min(level - 1, Math.round(level * DECREASE_FACTOR)));
		}
		this.changedRate(now);
	}

	/** A served answer: the rate may take its next step up (see the class comment). */
	noteServed(now = Date.now()): void {
		if (this.rate >= this.maxRequests) return;
		// Back to just below the refused level one window at a time; that level and beyond are probes.
		const probing = this.congestedRate !== undefined && this.rate + 1 >= this.congestedRate;
		const wait = probing ? this.jitteredProbeWaitMs : this.jitteredWindowMs;
		if (now - this.lastRateChange < wait) return;
		// A whole probe wait at or above the refused level without a 429: whoever shared the consumer
		// needs less now, so the next step comes sooner.
		if (this.congestedRate !== undefined && this.rate >= this.congestedRate) {
			this.probeWaitMs = Math.max(this.windowMs, this.probeWaitMs / 2);
		}
		this.rate++;
		this.changedRate(now);
	}

	/**
	 * The next probe wait, jittered (so that processes sharing a consumer probe at different times)
	 * and scaled by this process' share: one running below half the limit probes sooner, one above
	 * it later, so that shares even out and workers sharing a consumer finish their work together.
	 */
	private changedRate(now: number): void {
		this.lastRateChange = now;
		const share = Math.min(2, Math.max(0.5, this.rate / (this.maxRequests / 2)));
		const jitter = this.random();
		this.jitteredProbeWaitMs = Math.round(this.probeWaitMs * share * (0.75 + 0.5 * jitter));
		this.jitteredWindowMs = Math.round(this.windowMs * (1 + 0.5 * jitter));
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
