import { ConsumerLimiter, RateLimitWaitExceeded } from '../../nodes/Coreplus/transport/rateLimiter';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * The shared pause after one 429 (Retry-After, up to 60 s) made an execution with a
 * Rate-Limit Wait Budget of 0, which never saw a 429 itself, wait for it. Every wait for a 429
 * pause now counts against the request's budget; one longer than what is left fails at once.
 */
const env = useEmulator();

test('after another execution met a 429 with Retry-After 30 s, a request with budget 0 or 1 s fails at once, unsent', async () => {
	env.emulator.injectFault({ kind: 'status', status: 429, path: 'location', retryAfter: 30 });
	const first = await runCoreplus(env.emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
		requestOptions: { rateLimitBudgetMs: 0 },
	});
	expect(first.error?.message).toContain('HTTP 429');

	for (const rateLimitBudgetMs of [0, 1000]) {
		const later = await runCoreplus(env.emulator, {
			resource: 'practitioner',
			operation: 'getMany',
			returnAll: true,
			requestOptions: { rateLimitBudgetMs },
		});
		expect(later.error?.message).toMatch(
			new RegExp(
				`coreplus asked this consumer to wait (29|30) s \\(429\\) before GET Practitioner/, more than its Rate-Limit Wait Budget \\(${rateLimitBudgetMs} ms\\) allows; nothing was sent`,
			),
		);
		expect(later.error?.description).toContain('Rate-Limit Wait Budget');
	}
	expect(env.emulator.apiRequests('practitioner')).toHaveLength(0);
}, 120_000);

describe('the limiter on a fake clock', () => {
	beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
	afterEach(() => jest.useRealTimers());

	test('a pause within the budget is waited out and reported as waited; one beyond it is refused at once', async () => {
		const limiter = new ConsumerLimiter(10, 1000, 0);
		limiter.noteRateLimited(2000);
		await expect(limiter.acquire(undefined, 0)).rejects.toBeInstanceOf(RateLimitWaitExceeded);
		await expect(limiter.acquire(undefined, 1999)).rejects.toBeInstanceOf(RateLimitWaitExceeded);
		const waited = limiter.acquire(undefined, 2000);
		await jest.advanceTimersByTimeAsync(2000);
		await expect(waited).resolves.toBe(2000);
	});

	test('pacing within the window is not a 429 wait: budget 0 still gets its turn', async () => {
		const limiter = new ConsumerLimiter(2, 1000, 0);
		await limiter.acquire(undefined, 0);
		await limiter.acquire(undefined, 0);
		const third = limiter.acquire(undefined, 0);
		await jest.advanceTimersByTimeAsync(1001);
		await expect(third).resolves.toBe(0);
	});
});
