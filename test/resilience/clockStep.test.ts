import {
	ConsumerLimiter,
	limiterFor,
	openTicket,
	RateLimitWaitExceeded,
} from '../../nodes/Coreplus/transport/rateLimiter';
import { DEMO_CONSUMER } from '../../emulator/consumers';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * The host's wall clock steps (NTP correcting a clock that booted hours off, a manual change). The
 * limiter counts on a clock that never steps, so a step back makes no request wait the step and a
 * step forward lets no burst through. jest's setSystemTime steps the wall clock (Date) and leaves
 * performance.now() alone, as a real step does.
 */
const HOUR = 3_600_000;

describe('the limiter on jest’s clock', () => {
	beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
	afterEach(() => jest.useRealTimers());

	/** Acquires one slot, advancing the clock 1 ms at a time; the time it took, or undefined past `limitMs`. */
	async function slotAfter(limiter: ConsumerLimiter, limitMs: number): Promise<number | undefined> {
		let granted = false;
		void limiter.acquire().then(() => (granted = true));
		for (let waited = 0; waited <= limitMs; waited++) {
			await jest.advanceTimersByTimeAsync(waited ? 1 : 0);
			if (granted) return waited;
		}
		return undefined;
	}

	const fullWindow = (limiter: ConsumerLimiter) => {
		for (let index = 0; index < 10; index++) limiter.noteSent();
	};

	test('a step back of 10 h: the next request waits for the window, not for the step', async () => {
		const limiter = new ConsumerLimiter(10, 1000, 0);
		fullWindow(limiter);
		jest.setSystemTime(Date.now() - 10 * HOUR);
		const waited = await slotAfter(limiter, 1500);
		expect(waited).toBeDefined();
		expect(waited!).toBeLessThanOrEqual(1001);
	});

	test('a step forward of 1 h: the window still counts the requests just sent (no burst of 20 in a second)', async () => {
		const limiter = new ConsumerLimiter(10, 1000, 0);
		fullWindow(limiter);
		jest.setSystemTime(Date.now() + HOUR);
		expect(await slotAfter(limiter, 1500)).toBeGreaterThanOrEqual(1000);
	});

	test('a 429 pause lasts what coreplus asked, whichever way the clock steps', async () => {
		const back = new ConsumerLimiter(10, 1000, 0);
		back.noteRateLimited(2000);
		jest.setSystemTime(Date.now() - 10 * HOUR);
		expect(await slotAfter(back, 2500)).toBeLessThanOrEqual(2001);

		const forward = new ConsumerLimiter(10, 1000, 0);
		forward.noteRateLimited(2000);
		jest.setSystemTime(Date.now() + HOUR);
		expect(forward.isPaused()).toBe(true);
		expect(await slotAfter(forward, 2500)).toBeGreaterThanOrEqual(1999);
	});

	test('the shared 429 pause met right before sending counts against the attempt’s budget and ends with its Timeout', async () => {
		const limiter = new ConsumerLimiter(10, 1000, 0);
		limiter.noteRateLimited(30_000);
		const overBudget = new AbortController();
		const ticket = openTicket(overBudget.signal, 10_000);
		await expect(limiter.untilResumed(overBudget.signal)).rejects.toBeInstanceOf(
			RateLimitWaitExceeded,
		);
		expect(ticket).toMatchObject({ exceededMs: 30_000, cleared: false });

		const timedOut = new AbortController();
		const inBudget = openTicket(timedOut.signal, 60_000);
		const waiting = limiter.untilResumed(timedOut.signal);
		await jest.advanceTimersByTimeAsync(1000);
		timedOut.abort(); // the attempt's Timeout
		await expect(waiting).rejects.toThrow();
		expect(inBudget).toMatchObject({ pausedMs: 30_000, cleared: false });

		const other = limiter.untilResumed(); // another node's request: waits the pause out
		await jest.advanceTimersByTimeAsync(29_000);
		await expect(other).resolves.toBeUndefined();
	});
});

describe('through the node, against the emulator', () => {
	const env = useEmulator();
	const list = (resource: string, requestOptions = {}) =>
		runCoreplus(env.emulator, { resource, operation: 'getMany', returnAll: true, requestOptions });
	const realNow = Date.now.bind(Date);
	const stepClock = (ms: number) =>
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
	afterEach(() => jest.restoreAllMocks());

	test('after a step back of 10 h the next request is sent at once, and accepted', async () => {
		expect((await list('practitioner')).error).toBeUndefined();
		stepClock(-10 * HOUR);
		const result = await list('location', { timeoutMs: 5000 });
		expect(result.error).toBeUndefined();
		expect(env.emulator.apiRequests('location')).toHaveLength(1);
	}, 120_000);

	test('after a step forward of 1 h the requests just sent still count: the next one waits for the window', async () => {
		// Five processes declared: this one may start 10 requests per 5.25 s, and 10 just went.
		const sharedBy = 5;
		const limiter = limiterFor(env.emulator.url, DEMO_CONSUMER.consumerId, sharedBy);
		const start = performance.now();
		for (let index = 0; index < 10; index++) limiter.noteSent();
		stepClock(HOUR);
		const result = await runCoreplus(
			env.emulator,
			{ resource: 'location', operation: 'getMany', returnAll: true },
			{ credentialOverrides: { sharedBy } },
		);
		expect(result.error).toBeUndefined();
		// A lower bound only: a busy machine can make it later, never earlier.
		expect(performance.now() - start).toBeGreaterThanOrEqual(5000);
		expect(env.emulator.apiRequests('location')).toHaveLength(1);
	}, 120_000);
});
