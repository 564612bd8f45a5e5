/**
 * coreplus refuses tokens whose nbf/exp do not fit its own clock (its FAQ's first troubleshooting
 * point), and small self-hosted n8n servers drift. Every coreplus answer carries a `Date` header;
 * the offset between it and this host's clock is kept per server, process-wide (authenticate()
 * has no other state to read), and tokens are signed on the server's clock.
 *
 * One answer can lie (a proxy's or cache's stale `Date`, a server answering "1970"), and a wrong
 * offset would get every later token refused, so an offset is learned only
 * - within a day of this host's clock: a real drift is seconds to minutes; a day or more is a
 *   broken header, or a host so far off that its own TLS and logs are wrong, not for us to hide;
 * - when a second answer agrees with the first (a candidate is kept until then, not used);
 * - and it is replaced the same way when later answers agree on another offset.
 */
export const MAX_PLAUSIBLE_OFFSET_MS = 24 * 60 * 60 * 1000;

/**
 * Milliseconds on a clock that never steps (performance.now()): pacing and pauses are durations,
 * and a wall clock corrected by NTP (an hour or ten back or forward) must neither make every
 * request wait the step nor let a burst through. Wall-clock time is only for tokens and dates.
 */
export function monotonicNow(): number {
	return performance.now();
}

interface ServerClock {
	/** The confirmed offset (server minus local, ms) used for signing. */
	offset: number;
	/** A measurement that differs from `offset` and waits for a second answer to agree. */
	candidate?: number;
}

// Owned here and bounded: one entry per coreplus server this process talks to.
const clocks = new Map<string, ServerClock>();
const MAX_SERVERS = 64;

/** `scheme://host:port` as WHATWG writes it, so `http://Host/` and `http://host` are one server. */
export function originOf(url: string): string {
	let origin = origins.get(url);
	if (origin === undefined) {
		try {
			origin = new URL(url).origin;
		} catch {
			origin = url;
		}
		if (origins.size >= MAX_ORIGINS) origins.delete(origins.keys().next().value!);
		origins.set(url, origin);
	}
	return origin;
}

// Every signed request looks its server up by the credential's API URL: parsing it once, not per
// request, is part of keeping signing cheap. Bounded: a process has few API URLs.
const origins = new Map<string, string>();
const MAX_ORIGINS = 64;

/** The server's clock as far as we know it, in Unix seconds. */
export function serverNowSeconds(url: string, localNowMs = Date.now()): number {
	return Math.floor((localNowMs + clockSkewFor(url)) / 1000);
}

/** The confirmed offset (server minus local) in milliseconds; 0 until two coreplus answers agreed. */
export function clockSkewFor(apiUrl: string): number {
	return clocks.get(originOf(apiUrl))?.offset ?? 0;
}

/**
 * Reads one answer's `Date` header. The header has one-second resolution, so a measurement only
 * counts as different when it moves by more than the rounding (and the round trip) explains.
 * Returns true when the answer taught something new (a candidate, or a confirmed change): a
 * request refused for its token may then be worth signing again.
 */
export function learnServerClock(
	url: string,
	dateHeader: unknown,
	sentAtMs: number,
	receivedAtMs = Date.now(),
): boolean {
	const measured = measuredOffset(dateHeader, sentAtMs, receivedAtMs);
	if (measured === undefined || Math.abs(measured) > MAX_PLAUSIBLE_OFFSET_MS) return false;
	const clock = clockOf(originOf(url));
	const tolerance = 1000 + (receivedAtMs - sentAtMs) / 2;
	const agrees = (known: number | undefined) =>
		known !== undefined && Math.abs(measured - known) <= tolerance;
	if (agrees(clock.offset)) {
		clock.candidate = undefined;
		return false;
	}
	if (agrees(clock.candidate)) {
		clock.offset = Math.round((measured + clock.candidate!) / 2);
		clock.candidate = undefined;
	} else clock.candidate = Math.round(measured);
	return true;
}

/** Server minus local in ms from one answer, or undefined when the header is absent or unreadable. */
function measuredOffset(dateHeader: unknown, sentAtMs: number, receivedAtMs: number) {
	if (typeof dateHeader !== 'string') return undefined;
	const serverMs = Date.parse(dateHeader);
	if (!Number.isFinite(serverMs)) return undefined;
	// The server stamped its answer somewhere between send and receive; the header's whole second
	// is on average half a second behind the true instant.
	return serverMs + 500 - (sentAtMs + receivedAtMs) / 2;
}

function clockOf(origin: string): ServerClock {
	let clock = clocks.get(origin);
	if (!clock) {
		if (clocks.size >= MAX_SERVERS) clocks.delete(clocks.keys().next().value!);
		clock = { offset: 0 };
		clocks.set(origin, clock);
	}
	return clock;
}
