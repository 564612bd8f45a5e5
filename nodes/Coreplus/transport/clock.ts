/**
 * coreplus refuses tokens whose nbf/exp do not fit its own clock (its FAQ's first troubleshooting
 * point), and small self-hosted n8n servers drift. Every coreplus answer carries a `Date` header;
 * the offset between it and this host's clock is kept per server, process-wide (authenticate()
 * has no other state to read), and tokens are signed on the server's clock.
 */
const offsets = new Map<string, number>();
const MAX_SERVERS = 64;

/** `scheme://host:port` as WHATWG writes it, so `http://Host/` and `http://host` are one server. */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}

/** The server's clock as far as we know it, in Unix seconds. */
export function serverNowSeconds(url: string, localNowMs = Date.now()): number {
	return Math.floor((localNowMs + (offsets.get(originOf(url)) ?? 0)) / 1000);
}

/** The measured offset (server minus local) in milliseconds; 0 until a coreplus answer was seen. */
export function clockSkewFor(apiUrl: string): number {
	return offsets.get(originOf(apiUrl)) ?? 0;
}

/**
 * Learns the offset from one answer's `Date` header. The header has one-second resolution, so the
 * offset is only changed when it moves by more than the rounding (and the round trip) explains.
 * Returns true when the offset changed.
 */
export function learnServerClock(
	url: string,
	dateHeader: unknown,
	sentAtMs: number,
	receivedAtMs = Date.now(),
): boolean {
	if (typeof dateHeader !== 'string') return false;
	const serverMs = Date.parse(dateHeader);
	if (!Number.isFinite(serverMs)) return false;
	// The server stamped its answer somewhere between send and receive; the header's whole second
	// is on average half a second behind the true instant.
	const measured = serverMs + 500 - (sentAtMs + receivedAtMs) / 2;
	const origin = originOf(url);
	const known = offsets.get(origin) ?? 0;
	const tolerance = 1000 + (receivedAtMs - sentAtMs) / 2;
	if (Math.abs(measured - known) <= tolerance) return false;
	if (!offsets.has(origin) && offsets.size >= MAX_SERVERS)
		offsets.delete(offsets.keys().next().value!);
	offsets.set(origin, Math.round(measured));
	return true;
}
