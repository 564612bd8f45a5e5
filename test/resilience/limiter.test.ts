import {
	cancellableWait,
	ConsumerLimiter,
	limiterFor,
} from '../../nodes/Coreplus/transport/rateLimiter';

/**
 * Issue 16 item 1, on the limiter itself with jest's clock (no wall-clock timing): slots count at
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
	jest.setSystemTime(start + 120);
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
		jest.setSystemTime(Date.now() + 100);
		limiter.noteSent();
	}
	expect((limiter as unknown as { stamps: unknown[] }).stamps.length).toBeLessThanOrEqual(10);
});

const stepper = (limiter: ConsumerLimiter) => (ms: number) => {
	jest.setSystemTime(Date.now() + ms);
	limiter.noteServed();
	return limiter.requestsPerWindow;
};

test('the first 429 pauses the consumer and halves the rate; sends are then spread evenly and every step up is a probe', async () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	const start = Date.now();
	limiter.noteRateLimited(2000);
	expect(limiter.requestsPerWindow).toBe(5);
	const [first, second, third] = await acquireAll(limiter, 3);
	expect(first - start).toBeGreaterThanOrEqual(2000);
	// 5 per window, evenly: a refusal falls on the sharing processes in proportion to their rates.
	expect(second - first).toBeGreaterThanOrEqual(200);
	expect(third - second).toBeGreaterThanOrEqual(200);
	// One step up only after a whole probe wait (4 s at half the limit) without a 429.
	jest.setSystemTime(start + 3999);
	limiter.noteServed();
	expect(limiter.requestsPerWindow).toBe(5);
	jest.setSystemTime(start + 4000);
	limiter.noteServed();
	expect(limiter.requestsPerWindow).toBe(6);
});

test('a burst of 429s (answers to requests sent before the pause) lowers the rate once; a later one lowers it by about 30 %', () => {
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	limiter.noteRateLimited(1000);
	jest.setSystemTime(Date.now() + 100);
	limiter.noteRateLimited(1000);
	limiter.noteRateLimited(1000);
	expect(limiter.requestsPerWindow).toBe(5);
	// After the pause, a 429 is news: the rate is still too high.
	jest.setSystemTime(Date.now() + 1000);
	limiter.noteRateLimited(1000);
	expect(limiter.requestsPerWindow).toBe(4);
});

test('a failed probe doubles the wait before the next one, a successful probe halves it', () => {
	// Probe waits are 4 s × (rate / 5) here, steps below the refused level 1.25 s (jitter at 0.5).
	const limiter = new ConsumerLimiter(10, 1000, 0, () => 0.5);
	const after = stepper(limiter);
	limiter.noteRateLimited(0); // at 10: halved to 5, so 6 is a probe
	expect(after(3999)).toBe(5);
	expect(after(1)).toBe(6);
	limiter.noteRateLimited(0); // refused at 6: that probe failed, 6 → 4, probe waits double
	expect(limiter.requestsPerWindow).toBe(4);
	expect(after(1250)).toBe(5); // below the refused 6: one (jittered) window
	expect(after(7999)).toBe(5);
	expect(after(1)).toBe(6);
	// The other worker left: 6 holds for a whole probe wait, and each step after that comes sooner.
	expect(after(9599)).toBe(6);
	expect(after(1)).toBe(7);
	expect(after(5599)).toBe(7);
	expect(after(1)).toBe(8);
	expect(after(3200)).toBe(9);
	expect(after(1800)).toBe(10);
});

test('probe waits are jittered, so that workers refused together do not probe in step', () => {
	const early = new ConsumerLimiter(10, 1000, 0, () => 0);
	const late = new ConsumerLimiter(10, 1000, 0, () => 0.999);
	for (const limiter of [early, late]) limiter.noteRateLimited(0);
	// Both at 5; the probe to 6 is due after 0.75 × 4 s for one and almost 1.25 × 4 s for the other.
	jest.setSystemTime(Date.now() + 3000);
	early.noteServed();
	late.noteServed();
	expect([early.requestsPerWindow, late.requestsPerWindow]).toEqual([6, 5]);
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
