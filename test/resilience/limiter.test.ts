import {
	cancellableWait,
	ConsumerLimiter,
	limiterCount,
	limiterFor,
} from '../../nodes/Coreplus/transport/rateLimiter';

/**
 * The limiter itself, with jest's clock (no wall-clock timing): slots count at
 * send time, a 429 lowers the rate once per burst and it climbs back (probes past the refused level
 * waiting, jittered, longer after each failed probe), waits honour cancellation, and one limiter serves every spelling of a server's origin.
 */
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

/** Acquires `count` slots one after another, letting the clock run as the limiter asks. */
async function acquireAll(limiter: ConsumerLimiter, count: number): Promise<number[]> {
	const times: number[] = [];
	for (let index = 0; index < count; index++) {
		let granted = false;
		void limiter.acquire().then(() => (granted = true));
		await jest.advanceTimersByTimeAsync(0);
		while (!granted) await jest.advanceTimersByTimeAsync(1);
		times.push(Date.now());
	}
	return times;
}

test('a slot counts from when its request is sent, not from when it was reserved', async () => {
	const limiter = new ConsumerLimiter(10, 1000, 0);
	const start = Date.now();
	await acquireAll(limiter, 10);
	// An event-loop stall of 120 ms between reserving the slots and sending the requests.
	jest.advanceTimersByTime(120);
	for (let index = 0; index < 10; index++) limiter.noteSent();
	const [eleventh] = await acquireAll(limiter, 1);
	expect(eleventh - start).toBeGreaterThanOrEqual(1120);
});

test('requests sent without a reservation (other nodes using the credential) take slots too', async () => {
	const limiter = new ConsumerLimiter(10, 1000, 0);
	const start = Date.now();
	for (let index = 0; index < 10; index++) limiter.noteSent();
	const [first] = await acquireAll(limiter, 1);
	expect(first - start).toBeGreaterThanOrEqual(1000);
});

test('sends without a reservation only ever keep the last window (a long HTTP Request loop does not grow the limiter)', () => {
	const limiter = new ConsumerLimiter(10, 1000, 0);
	// An hour of one send every 100 ms through the credential, never through acquire().
	for (let index = 0; index < 36_000; index++) {
		jest.advanceTimersByTime(100);
		limiter.noteSent();
	}
	const { sent } = limiter as unknown as { sent: { length: number; items: unknown[] } };
	expect(sent.length).toBeLessThanOrEqual(10);
	expect(sent.items.length).toBeLessThanOrEqual(80);
});

/** A lone process at its full pace: a whole window of sends just now. */
const atFullPace = (limiter: ConsumerLimiter) => {
	for (let index = 0; index < 10; index++) limiter.noteSent();
};

const stepper = (limiter: ConsumerLimiter) => (ms: number) => {
	jest.advanceTimersByTime(ms);
	limiter.noteServed();
	return limiter.requestsPerWindow;
};

test('a stray 429 (none in the last minute) pauses the consumer and halves the rate; sends are spread evenly meanwhile', async () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	atFullPace(limiter);
	const start = Date.now();
	limiter.noteRateLimited(2000);
	expect(limiter.requestsPerWindow).toBe(5);
	const [first, second, third] = await acquireAll(limiter, 3);
	expect(first - start).toBeGreaterThanOrEqual(2000);
	// 5 per window, evenly: a refusal falls on the sharing processes in proportion to their rates.
	expect(second - first).toBeGreaterThanOrEqual(200);
	expect(third - second).toBeGreaterThanOrEqual(200);
});

test('after a stray 429 a lone process is back at full pace within 3 s of coreplus accepting again', async () => {
	const limiter = new ConsumerLimiter(10, 1050, 50, () => 0.999);
	atFullPace(limiter);
	const pauseEnds = Date.now() + 1000;
	limiter.noteRateLimited(1000);
	// Requests one after another, each answered (accepted) at once, as a lone process sends them.
	let fullPaceAt: number | undefined;
	while (fullPaceAt === undefined && Date.now() < pauseEnds + 10_000) {
		await acquireAll(limiter, 1);
		limiter.noteSent();
		limiter.noteServed();
		if (limiter.requestsPerWindow === 10) fullPaceAt = Date.now();
	}
	expect(fullPaceAt! - pauseEnds).toBeLessThanOrEqual(3000);
	// And full pace means 10 starts in the next window again.
	const times = await acquireAll(limiter, 10);
	expect(times[9] - times[0]).toBeLessThan(1050);
});

test('two 429s in one burst: the consumer is shared (two workers starting together), so the rate climbs one window at a time instead of doubling back', () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	const after = stepper(limiter);
	atFullPace(limiter);
	limiter.noteRateLimited(500);
	expect(limiter.requestsPerWindow).toBe(5);
	// Another request of the same moment refused while the pause runs.
	jest.advanceTimersByTime(100);
	limiter.noteRateLimited(500);
	expect(limiter.requestsPerWindow).toBe(5);
	// A lone stray 429 would be back at 10 here (the test above); shared, it steps to 6.
	expect(after(1650)).toBe(6);
	expect(after(1250)).toBe(7);
});

test('a 429 met below its own pace: another process was counted too, so even the first one is sharing, not stray', () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	const after = stepper(limiter);
	for (let index = 0; index < 4; index++) limiter.noteSent();
	limiter.noteRateLimited(500);
	expect(limiter.requestsPerWindow).toBe(7);
	expect(after(1250)).toBe(8);
	expect(after(1250)).toBe(9);
	// 10 met the 429: a probe, not a doubling back.
	expect(after(1250)).toBe(9);
});

const shared = (limiter: ConsumerLimiter) => {
	// A stray 429 at 10 (→ 5), back to 10 after one accepted window, then refused again within a
	// minute: the consumer is shared, and the climb becomes cautious (refused level 10, rate 7).
	const after = stepper(limiter);
	atFullPace(limiter);
	limiter.noteRateLimited(0);
	expect(after(1250)).toBe(10);
	limiter.noteRateLimited(0);
	expect(limiter.requestsPerWindow).toBe(7);
	return after;
};

test('a second 429 within a minute: the rate climbs one window at a time to below the refused level, then probes', () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	const after = shared(limiter);
	expect(after(1249)).toBe(7);
	expect(after(1)).toBe(8);
	expect(after(1250)).toBe(9);
	// 10 met the 429: a probe, after 4 s × (9 / 5) (jitter at 0.5).
	expect(after(7199)).toBe(9);
	expect(after(1)).toBe(10);
});

test('a failed probe doubles the wait before the next one', () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	const after = shared(limiter);
	expect(after(1250)).toBe(8);
	expect(after(1250)).toBe(9);
	expect(after(7200)).toBe(10);
	limiter.noteRateLimited(0); // the probe at 10 failed: 10 → 7, probe waits double
	expect(limiter.requestsPerWindow).toBe(7);
	expect(after(1250)).toBe(8);
	expect(after(1250)).toBe(9);
	expect(after(14_399)).toBe(9);
	expect(after(1)).toBe(10);
});

test('probe waits are jittered, so that workers refused together do not probe in step', () => {
	const early = new ConsumerLimiter(10, 1000, 0, () => 0);
	const late = new ConsumerLimiter(10, 1000, 0, () => 0.999);
	const both = [early, late];
	both.forEach(atFullPace);
	both.forEach((limiter) => limiter.noteRateLimited(0));
	jest.advanceTimersByTime(1500);
	both.forEach((limiter) => limiter.noteServed());
	both.forEach((limiter) => limiter.noteRateLimited(0));
	// Both at 7, refused at 10: steps below it come after 1 to 1.5 windows, so one climbs first.
	jest.advanceTimersByTime(1100);
	early.noteServed();
	late.noteServed();
	expect([early.requestsPerWindow, late.requestsPerWindow]).toEqual([8, 7]);
});

test('a wait ends at once when n8n cancels the execution', async () => {
	const controller = new AbortController();
	const waiting = cancellableWait(60_000, controller.signal);
	controller.abort();
	await expect(waiting).rejects.toThrow('cancelled');
	const limiter = new ConsumerLimiter(10, 1000, 0);
	limiter.noteRateLimited(60_000);
	const slot = limiter.acquire(controller.signal);
	await expect(slot).rejects.toThrow('cancelled');
});

test('one limiter per server origin and consumer, however the API URL is written', () => {
	expect(limiterFor('https://Clinic.example/', 'c1')).toBe(
		limiterFor('https://clinic.example:443', 'c1'),
	);
	expect(limiterFor('https://clinic.example', 'c1')).not.toBe(
		limiterFor('https://clinic.example', 'c2'),
	);
});

test('the process keeps at most 64 limiters, dropping idle ones; one in a 429 pause is kept', () => {
	const busy = limiterFor('https://busy.example', 'paused');
	busy.noteRateLimited(60_000);
	for (let index = 0; index < 200; index++)
		limiterFor('https://clinic.example', `consumer-${index}`);
	expect(limiterCount()).toBeLessThanOrEqual(64);
	expect(limiterFor('https://busy.example', 'paused')).toBe(busy);
});
