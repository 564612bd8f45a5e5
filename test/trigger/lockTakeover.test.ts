import type { IDataObject } from 'n8n-workflow';

import { book } from '../../emulator/mutations';
import { POLL_LOCK_MS } from '../../nodes/CoreplusTrigger/pollLock';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, daysAhead, pollOk, summary } from './helpers';

/**
 * A poll that outlives its lock (taken over after 10 minutes by the next poll) must not emit the
 * changes the newer poll told, nor overwrite the newer poll's state.
 */
const env = useEmulator();

afterEach(() => {
	jest.restoreAllMocks();
});

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('a poll that lost its lock emits nothing and writes nothing', async () => {
	const { emulator } = env;
	emulator.data.appointments.length = 0;
	const trigger = activeTrigger(emulator, { events: ['newAppointment'] });
	expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(2) });
	emulator.resetLog();
	emulator.injectFault({ kind: 'slow', path: 'appointment', delayMs: 3000 });
	const slow = trigger.poll();
	await until(() => emulator.apiRequests('appointment').length > 0);

	// The lock's (monotonic) clock says the slow poll has run past the lock's bound.
	const now = performance.now.bind(performance);
	jest.spyOn(performance, 'now').mockImplementation(() => now() + POLL_LOCK_MS + 1);
	const takeover = await pollOk(trigger);
	expect(summary(takeover)).toEqual([`newAppointment:${booked.appointmentId}`]);
	const stored = JSON.stringify(trigger.staticData);

	const late = await slow;
	expect(late.error).toBeUndefined();
	expect(late.items).toBeNull();
	expect(JSON.stringify(trigger.staticData)).toBe(stored);
	const pending = (trigger.staticData.coreplusTrigger as IDataObject).pending as {
		events: IDataObject[];
	};
	expect(pending.events.map((event) => event.eventId)).toEqual([takeover![0].eventId]);
});
