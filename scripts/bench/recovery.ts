import { DEMO_CONSUMER } from '../../emulator/consumers';
import { CoreplusEmulator } from '../../emulator/server';
import { limiterFor, REQUESTS_PER_WINDOW } from '../../nodes/Coreplus/transport/rateLimiter';

interface Row {
	measure: string;
	result: string;
	ratio: string;
	target: string;
}

type RunList = (emulator: CoreplusEmulator) => Promise<unknown>;

/**
 * One stray 429 in the middle of a lone process' listing (no Retry-After, so the
 * transport pauses 500 ms), then coreplus accepts again. Measured: how long after the pause the
 * process' limiter is back at 10 requests per window, sampled every 10 ms while the node runs.
 */
export async function recoveryBench(rows: Row[], latencyMs: number, runList: RunList) {
	const emulator = await new CoreplusEmulator({ clients: 8000, latencyMs }).start();
	try {
		emulator.injectFault({ kind: 'status', status: 429, path: 'client', skip: 20 });
		const limiter = limiterFor(emulator.url, DEMO_CONSUMER.consumerId);
		let refusedAt: number | undefined;
		let fullAgainAt: number | undefined;
		const sampler = setInterval(() => {
			const full = limiter.requestsPerWindow >= REQUESTS_PER_WINDOW;
			if (!full && refusedAt === undefined) refusedAt = performance.now();
			if (full && refusedAt !== undefined && fullAgainAt === undefined)
				fullAgainAt = performance.now();
		}, 10);
		const started = performance.now();
		await runList(emulator);
		const ms = performance.now() - started;
		clearInterval(sampler);
		const recovery =
			refusedAt !== undefined && fullAgainAt !== undefined
				? `${((fullAgainAt - refusedAt - 500) / 1000).toFixed(2)} s`
				: 'not back within the run';
		rows.push({
			measure:
				'After one stray 429 (500 ms pause, then accepted): a lone process back at full pace (limiter at 10 per window)',
			result: `${recovery} after the pause`,
			ratio: `listing 80 pages at ${latencyMs} ms latency: ${(ms / 1000).toFixed(2)} s (ceiling 8.00 s); 1 injected 429, ${emulator.rateLimitedCount} × 429 from the rate limit`,
			target: '≤ 3 s',
		});
	} finally {
		await emulator.stop();
	}
}
