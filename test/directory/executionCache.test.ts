import { fakeDateOnly, runCoreplus, useEmulator } from '../../harness/helpers';
import { seeded } from '../booking/fixtures';

/**
 * The lists a node looks things up in are kept per n8n execution id
 * (`getExecutionId()`, which n8n promises), for a bounded number of executions, and read again
 * when an execution comes back after a long pause (a Wait node keeps the execution's id).
 */
const env = useEmulator();

/** A slot search in a location's zone: the location list is read for the zone. */
async function searchInSydney(executionId?: string) {
	const { sydney } = seeded(env.emulator);
	const result = await runCoreplus(
		env.emulator,
		{
			resource: 'availabilitySlot',
			operation: 'getMany',
			startDate: '2026-04-06',
			endDate: '2026-04-06',
			timeZoneSource: 'location',
			timeZoneLocationId: String(sydney.locationId),
			returnAll: true,
			simplify: false,
		},
		{ executionId },
	);
	expect(result.error).toBeUndefined();
}

// Answered reads of the location list (a rare 429 from the shared machine's timing is not counted).
const locationReads = () =>
	env.emulator.apiRequests('location').filter((r) => r.status !== 429).length;

afterEach(() => {
	jest.useRealTimers();
});

test('two runs of one execution id share the lists; another execution reads its own', async () => {
	await searchInSydney('execution-a');
	expect(locationReads()).toBe(1);
	await searchInSydney('execution-a');
	expect(locationReads()).toBe(1);
	await searchInSydney('execution-b');
	expect(locationReads()).toBe(2);
});

test('only the 32 most recently used executions keep their lists', async () => {
	await searchInSydney('kept-then-evicted');
	for (let other = 0; other < 31; other++) await searchInSydney(`other-${other}`);
	await searchInSydney('kept-then-evicted');
	expect(locationReads()).toBe(32);
	// One more execution pushes out the least recently used, which then reads its list again.
	await searchInSydney('one-more');
	await searchInSydney('other-0');
	expect(locationReads()).toBe(34);
});

test('a run without an execution id shares nothing', async () => {
	await searchInSydney('');
	await searchInSydney('');
	expect(locationReads()).toBe(2);
});

// Last in this file: it moves Date 20 minutes ahead, and the rate limiters' bookkeeping of those
// minutes would hold a later test back until real time caught up.
test('an execution that comes back after 10 idle minutes reads its lists again', async () => {
	// Only Date is faked (and keeps running); timers, sockets and the rate limiters' sleeps stay real.
	fakeDateOnly(Date.now());
	await searchInSydney('waits');
	jest.setSystemTime(Date.now() + 9 * 60_000);
	await searchInSydney('waits');
	expect(locationReads()).toBe(1);
	jest.setSystemTime(Date.now() + 11 * 60_000);
	await searchInSydney('waits');
	expect(locationReads()).toBe(2);
});
