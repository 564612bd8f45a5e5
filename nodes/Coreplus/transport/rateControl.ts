/**
 * How many requests per window one consumer may start, adapted to coreplus' 429 answers. Other
 * processes (n8n workers) may share the consumer and nothing is shared between them, so each
 * converges on its share by reacting to 429s alone:
 * - a lone 429 after a quiet spell (none in the last minute), met at this process' own full
 *   pace, is probably stray (network jitter, coreplus counting a little differently): the rate halves,
 *   and doubles back after one window coreplus accepts, so a lone process is at full pace again
 *   within about a second of coreplus accepting;
 * - but a 429 met below this process' own pace, or a second 429 in the same burst, means another
 *   process was counted too (two n8n workers starting together), and doubling back would only meet
 *   it again: such a burst is treated as sharing (below);
 * - a 429 soon after another means the consumer is shared: a burst of 429s lowers the rate by
 *   about 30 %, the rate climbs back one step per (jittered) window to just below the level that
 *   was refused, and steps to that level or beyond are probes, each after a jittered wait that
 *   doubles after a failed probe and halves after a successful one.
 */
// One burst of 429s lowers the rate to about this share (and by at least one request per window).
export const DECREASE_FACTOR = 0.7;
// The first probe back to the level that met a 429 waits this long; failed probes double the wait up to the maximum.
export const FIRST_PROBE_WAIT_MS = 4_000;
export const MAX_PROBE_WAIT_MS = 32_000;
// A 429 with none before it for this long is treated as stray (fast recovery), not as sharing.
export const CONGESTION_MEMORY_MS = 60_000;

export class RateControl {
	/** Requests allowed per window right now; never above the documented limit. */
	rate: number;
	private lastRateChange = 0;
	/** When the last burst of 429s began (-Infinity: never). */
	private lastRefusal = -Infinity;
	/** True after a stray 429: the rate doubles back instead of probing. */
	private recovering = false;
	/** The rate that last met a 429 while shared; steps to it and beyond are probes. */
	private congestedRate?: number;
	/** The rate the latest burst of 429s met. */
	private refusedRate: number;
	private probeWaitMs = FIRST_PROBE_WAIT_MS;
	/** probeWaitMs with jitter, drawn once per change, so that processes sharing a consumer probe at different times. */
	private jitteredProbeWaitMs = FIRST_PROBE_WAIT_MS;
	/** The wait between steps below the refused level, jittered too, so that workers refused together do not climb in step. */
	private jitteredWindowMs: number;

	constructor(
		private readonly maxRequests: number,
		private readonly windowMs: number,
		private readonly random: () => number,
	) {
		this.rate = maxRequests;
		this.refusedRate = maxRequests;
		this.jitteredWindowMs = windowMs;
	}

	/** The first 429 of a burst; `shared` when the limiter knows another process was counted too. */
	refused(now: number, shared = false): void {
		const stray = !shared && now - this.lastRefusal > CONGESTION_MEMORY_MS;
		this.lastRefusal = now;
		const level = this.rate;
		this.refusedRate = level;
		if (stray) {
			this.recovering = true;
			this.congestedRate = undefined;
			this.probeWaitMs = FIRST_PROBE_WAIT_MS;
			this.rate = Math.max(1, Math.floor(level / 2));
		} else {
			// Refused at or above the level refused last time: that probe failed, so the next one waits longer.
			if (this.congestedRate !== undefined && level >= this.congestedRate) {
				this.probeWaitMs = Math.min(MAX_PROBE_WAIT_MS, this.probeWaitMs * 2);
			}
			this.recovering = false;
			this.congestedRate = level;
			this.rate = Math.max(1, Math.min(level - 1, Math.round(level * DECREASE_FACTOR)));
		}
		this.changedRate(now);
	}

	/** Another 429 of the same burst: a burst first taken for stray is sharing after all. */
	refusedAgain(): void {
		if (!this.recovering) return;
		this.recovering = false;
		this.congestedRate = this.refusedRate;
	}

	/** A served answer: the rate may take its next step up. */
	served(now: number): void {
		if (this.rate >= this.maxRequests) return;
		if (this.recovering) {
			if (now - this.lastRateChange < this.jitteredWindowMs) return;
			this.rate = Math.min(this.maxRequests, this.rate * 2);
			this.changedRate(now);
			return;
		}
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
