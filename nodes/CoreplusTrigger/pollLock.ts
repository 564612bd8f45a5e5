/**
 * Polls of one workflow's trigger node never overlap in this process: a poll that starts while
 * the previous one is still reading (a slow coreplus, a poll interval shorter than a large
 * listing) is skipped with a warning, because both would diff against the same state and emit
 * the same events. The next scheduled poll catches up. Other n8n processes (multi-main) are not
 * covered: n8n runs a workflow's pollers only on its leader main.
 *
 * The lock expires after `POLL_LOCK_MS`: a poll held for ever (a server trickling bytes) must not
 * silence the trigger for good. The poll that takes over warns; the old one, should it ever end,
 * releases nothing that is not its own, and asks `held()` before it emits or stores anything: a
 * poll that lost its lock emits nothing and writes nothing (the newer poll has told, or will
 * tell, the same changes from the same state). The map holds only the polls running now.
 *
 * Measured on a monotonic clock (`performance.now()`), so a wall-clock step neither expires a
 * running poll's lock nor holds one for the length of the step.
 */
export const POLL_LOCK_MS = 10 * 60 * 1000;

export interface PollLockClock {
	now(): number;
	warn(message: string): void;
}

/** What a running poll knows of its lock. */
export interface HeldLock {
	/** False once another poll took the lock over: emit nothing, store nothing. */
	held(): boolean;
}

/** The lock's clock: monotonic milliseconds. */
export const monotonicNow = (): number => performance.now();

const running = new Map<string, { since: number; token: symbol }>();

function minutes(ms: number): string {
	return `${Math.round(ms / 60000)} min`;
}

export async function unlessAlreadyPolling<T>(
	key: string,
	skipped: T,
	poll: (lock: HeldLock) => Promise<T>,
	clock: PollLockClock,
): Promise<T> {
	const now = clock.now();
	const held = running.get(key);
	if (held && now - held.since < POLL_LOCK_MS) {
		clock.warn(
			`coreplus Trigger: poll skipped, the previous poll is still running (for ${minutes(now - held.since)}); the next poll catches up`,
		);
		return skipped;
	}
	if (held)
		clock.warn(
			`coreplus Trigger: the previous poll has run for ${minutes(now - held.since)} (over ${minutes(POLL_LOCK_MS)}); its lock expired and this poll runs`,
		);
	const token = Symbol(key);
	running.set(key, { since: now, token });
	try {
		return await poll({ held: () => running.get(key)?.token === token });
	} finally {
		if (running.get(key)?.token === token) running.delete(key);
	}
}
