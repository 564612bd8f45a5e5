import type { IDataObject } from 'n8n-workflow';

import { book, cancel, move, reassign } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, daysAhead, pollOk, summary } from './helpers';

/**
 * An event id names one change: a later change that happens to bring the same fields back (A→B→A→B,
 * cancel → reinstate → cancel, leaving the filters and coming back) is another change, so another
 * id. A workflow that drops repeats by `eventId`, as the docs advise, must never drop a real one.
 */
const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

async function onlyEvent(trigger: ReturnType<typeof activeTrigger>): Promise<IDataObject> {
	const items = await pollOk(trigger);
	expect(items).toHaveLength(1);
	expect(items![0].redelivered).toBeUndefined();
	return items![0];
}

test('A→B→A→B: the second A→B has its own id', async () => {
	const { emulator } = env;
	const booked = book(emulator.data, { start: daysAhead(2) });
	const id = String(booked.appointmentId);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	const ids: string[] = [];
	for (const days of [3, 2, 3]) {
		move(emulator.data, id, daysAhead(days));
		ids.push(String((await onlyEvent(trigger)).eventId));
	}
	expect(new Set(ids).size).toBe(3);
});

test('cancel → reinstate → cancel: the second cancellation has its own id', async () => {
	const { emulator } = env;
	const booked = book(emulator.data, { start: daysAhead(2) });
	const id = String(booked.appointmentId);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	cancel(emulator.data, id);
	const first = await onlyEvent(trigger);
	booked.status = 'Booked';
	expect((await onlyEvent(trigger)).event).toBe('appointmentUpdated');
	cancel(emulator.data, id);
	const second = await onlyEvent(trigger);
	expect([first.event, second.event]).toEqual(['appointmentCancelled', 'appointmentCancelled']);
	expect(second.eventId).not.toBe(first.eventId);
});

test('an appointment that leaves the practitioner filter and comes back unchanged is told with a new id', async () => {
	const { emulator } = env;
	const [mine, other] = emulator.data.practitioners.map((row) => String(row.practitionerId));
	const trigger = activeTrigger(emulator, {
		events: APPOINTMENT_EVENTS,
		practitionerIds: [mine],
	});
	expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(2), practitionerId: mine });
	const id = String(booked.appointmentId);
	const first = await onlyEvent(trigger);
	reassign(emulator.data, id, other);
	expect((await onlyEvent(trigger)).event).toBe('appointmentUpdated');
	reassign(emulator.data, id, mine);
	const again = await onlyEvent(trigger);
	expect(summary([first, again])).toEqual([`newAppointment:${id}`, `newAppointment:${id}`]);
	expect(again.eventId).not.toBe(first.eventId);
});
