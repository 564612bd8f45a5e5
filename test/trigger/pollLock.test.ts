import {
	POLL_LOCK_MS,
	unlessAlreadyPolling,
	type HeldLock,
} from '../../nodes/CoreplusTrigger/pollLock';

/** A poll held for ever (a server trickling bytes) does not silence the trigger. Pure logic, a fake clock. */
function fakeClock(start = 1_000_000) {
	const warnings: string[] = [];
	const clock = {
		at: start,
		now: () => clock.at,
		warn: (message: string) => warnings.push(message),
	};
	return { clock, warnings };
}

test('a poll that starts while another runs is skipped with a warning; after the bound the lock expires with a warning', async () => {
	const { clock, warnings } = fakeClock();
	let releaseStuck!: (value: string) => void;
	const stuck = unlessAlreadyPolling(
		'wf:node',
		'skipped',
		() => new Promise<string>((resolve) => (releaseStuck = resolve)),
		clock,
	);

	clock.at += POLL_LOCK_MS - 1;
	expect(await unlessAlreadyPolling('wf:node', 'skipped', async () => 'ran', clock)).toBe(
		'skipped',
	);
	expect(warnings).toEqual([
		expect.stringMatching(/poll skipped, the previous poll is still running/),
	]);

	clock.at += 1;
	let releaseSecond!: (value: string) => void;
	const second = unlessAlreadyPolling(
		'wf:node',
		'skipped',
		() => new Promise<string>((resolve) => (releaseSecond = resolve)),
		clock,
	);
	expect(warnings[1]).toMatch(/its lock expired and this poll runs/);

	// The stuck poll ending at last does not release the lock of the poll that took over.
	releaseStuck('late');
	expect(await stuck).toBe('late');
	expect(await unlessAlreadyPolling('wf:node', 'skipped', async () => 'ran', clock)).toBe(
		'skipped',
	);
	releaseSecond('second');
	expect(await second).toBe('second');
	expect(await unlessAlreadyPolling('wf:node', 'skipped', async () => 'ran', clock)).toBe('ran');
});

test('other workflows are never held by one stuck poll', async () => {
	const { clock } = fakeClock();
	void unlessAlreadyPolling('wf:a', null, () => new Promise<null>(() => {}), clock);
	expect(await unlessAlreadyPolling('wf:b', 'skipped', async () => 'ran', clock)).toBe('ran');
});

test('a poll whose lock was taken over learns it: held() turns false', async () => {
	const { clock } = fakeClock();
	let stuckLock!: HeldLock;
	let releaseStuck!: () => void;
	const stuck = unlessAlreadyPolling(
		'wf:held',
		null,
		(lock) =>
			new Promise<null>((resolve) => {
				stuckLock = lock;
				releaseStuck = () => resolve(null);
			}),
		clock,
	);
	expect(stuckLock.held()).toBe(true);
	clock.at += POLL_LOCK_MS;
	await unlessAlreadyPolling(
		'wf:held',
		null,
		async (lock) => expect(lock.held()).toBe(true),
		clock,
	);
	expect(stuckLock.held()).toBe(false);
	releaseStuck();
	await stuck;
});
