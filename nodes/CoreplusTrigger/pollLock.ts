/**
 * Polls of one workflow's trigger node never overlap in this process: a poll that starts while
 * the previous one is still reading (a slow coreplus, a poll interval shorter than a large
 * listing) is skipped, because both would diff against the same state and emit the same events.
 * The next scheduled poll catches up. Other n8n processes (multi-main) are not covered: n8n runs
 * a workflow's pollers only on its leader main.
 */
const running = new Set<string>();

export async function unlessAlreadyPolling<T>(
	key: string,
	skipped: T,
	poll: () => Promise<T>,
): Promise<T> {
	if (running.has(key)) return skipped;
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
	}
}
