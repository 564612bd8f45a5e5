import {
	decideRetry,
	retryAfterMs,
	type AttemptOutcome,
	type RetryDecision,
	type RetryState,
} from '../../nodes/Coreplus/transport/retryDecision';

/** The request loop's retry decision, read as a table. */
const NOW = Date.parse('2026-11-23T10:00:00Z');
const read: RetryState = {
	isRead: true,
	failures: 0,
	maxRetries: 3,
	baseDelayMs: 100,
	clockRetries: 0,
	rateLimitWaitedMs: 0,
	rateLimitBudgetMs: 60_000,
	canResend: true,
};
const write: RetryState = { ...read, isRead: false };
const answer = (
	status: number,
	extra: Partial<Extract<AttemptOutcome, { kind: 'answer' }>> = {},
): AttemptOutcome => ({ kind: 'answer', status, body: {}, ...extra });

const table: Array<[string, AttemptOutcome, RetryState, RetryDecision]> = [
	['a 200 is returned', answer(200), read, { action: 'return' }],
	['a 201 to a write is returned', answer(201), write, { action: 'return' }],
	[
		'a non-JSON 200 to a read is retried',
		answer(200, { body: '<html>' }),
		read,
		{ action: 'retry', afterMs: 150, cause: 'unreadable' },
	],
	[
		'a non-JSON 200 to a write is not retried (coreplus acted)',
		answer(200, { body: '<html>' }),
		write,
		{ action: 'fail', cause: 'unreadable' },
	],
	['a redirect fails', answer(302), read, { action: 'fail', cause: 'redirect' }],
	[
		'a 503 to a read is retried with back-off',
		answer(503),
		{ ...read, failures: 2 },
		{ action: 'retry', afterMs: 450, cause: 'server' },
	],
	[
		'a 503 to a read past Max Retries fails',
		answer(503),
		{ ...read, failures: 3 },
		{ action: 'fail', cause: 'status' },
	],
	['a 503 to a write fails', answer(503), write, { action: 'fail', cause: 'status' }],
	[
		'a reset on a read is retried',
		{ kind: 'networkError' },
		read,
		{ action: 'retry', afterMs: 150, cause: 'network' },
	],
	[
		'a reset on a write fails (fate unknown)',
		{ kind: 'networkError' },
		write,
		{ action: 'fail', cause: 'network' },
	],
	[
		'a 429 with Retry-After seconds waits that long',
		answer(429, { headers: { 'retry-after': '2' } }),
		write,
		{ action: 'retry', afterMs: 2000, cause: 'rateLimit' },
	],
	[
		'a 429 with an HTTP-date Retry-After waits until then',
		answer(429, { headers: { 'retry-after': new Date(NOW + 3000).toUTCString() } }),
		read,
		{ action: 'retry', afterMs: 3000, cause: 'rateLimit' },
	],
	[
		'a 429 without Retry-After waits half a window',
		answer(429),
		write,
		{ action: 'retry', afterMs: 500, cause: 'rateLimit' },
	],
	[
		'a 429 does not use up Max Retries',
		answer(429),
		{ ...read, failures: 3 },
		{ action: 'retry', afterMs: 500, cause: 'rateLimit' },
	],
	[
		'a 429 beyond the budget fails',
		answer(429),
		{ ...read, rateLimitWaitedMs: 59_600 },
		{ action: 'fail', cause: 'rateLimit' },
	],
	[
		'a 429 with a budget of 0 fails at once',
		answer(429, { headers: { 'retry-after': '0' } }),
		{ ...read, rateLimitBudgetMs: 0 },
		{ action: 'fail', cause: 'rateLimit' },
	],
	[
		'a 429 on a single-use stream body fails',
		answer(429),
		{ ...write, canResend: false },
		{ action: 'fail', cause: 'rateLimit' },
	],
	[
		'a 401 after the clock moved is signed again (a candidate offset, then its confirmation)',
		answer(401, { clockMoved: true }),
		write,
		{ action: 'retry', afterMs: 0, cause: 'clock' },
	],
	[
		'a third clock 401 fails',
		answer(401, { clockMoved: true }),
		{ ...write, clockRetries: 2 },
		{ action: 'fail', cause: 'status' },
	],
	[
		'a 401 with a clock already known fails',
		answer(401),
		read,
		{ action: 'fail', cause: 'status' },
	],
	['a 400 fails', answer(400), read, { action: 'fail', cause: 'status' }],
];

test.each(table)('%s', (_name, outcome, state, expected) => {
	expect(decideRetry(outcome, state, NOW, 0.5)).toEqual(expected);
});

test.each([
	['seconds', '5', 5000],
	['fractional seconds', '0.5', 500],
	['an HTTP date in the past', new Date(NOW - 5000).toUTCString(), 0],
	['garbage', 'soon', undefined],
	['an absurd wait (capped)', '86400', 60_000],
])('Retry-After as %s', (_name, value, expected) => {
	expect(retryAfterMs({ 'retry-after': value }, NOW)).toBe(expected);
});
