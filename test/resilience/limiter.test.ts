import { cancellableWait, ConsumerLimiter, limiterFor } from '../../nodes/Coreplus/transport/rateLimiter';

/**
 * Issue 16 item 1, on the limiter itself with jest's clock (no wall-clock timing): slots count at
 * send time, a 429 halves the rate and it grows back one request per window, waits honour
 * cancellation, and one limiter serves every spelling of a server's origin.
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

test('a 429 pauses the consumer, halves the rate, and the rate grows back by one per window', async () => {
	const limiter = new ConsumerLimiter(10, 1000, 0);
	limiter.noteRateLimited(2000);
	expect(limiter.requestsPerWindow).toBe(5);
	const start = Date.now();
	const [first] = await acquireAll(limiter, 1);
	expect(first - start).toBeGreaterThanOrEqual(2000);
	limiter.noteServed();
	expect(limiter.requestsPerWindow).toBe(6);
	limiter.noteServed();
	expect(limiter.requestsPerWindow).toBe(6);
	jest.setSystemTime(Date.now() + 1000);
	limiter.noteServed();
	expect(limiter.requestsPerWindow).toBe(7);
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
	expect(limiterFor('https://Clinic.example/', 'c1')).toBe(limiterFor('https://clinic.example:443', 'c1'));
	expect(limiterFor('https://clinic.example', 'c1')).not.toBe(limiterFor('https://clinic.example', 'c2'));
});
