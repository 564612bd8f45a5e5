import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { addClient, book, bookMany } from '../../emulator/mutations';
import type { PolledWorkflow } from '../../harness/poll';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, afterRestart, daysAhead, pollOk, summary } from './helpers';

/**
 * Pending delivery (the events of the last emitting poll, kept until a later poll proves n8n got
 * them) keeps ids and what a redelivery needs, never whole records, and each event once.
 */
const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

const pendingOf = (workflow: PolledWorkflow) =>
	((workflow.staticData.coreplusTrigger as IDataObject).pending as { events: IDataObject[] })
		.events;

test('pending keeps no records: 300 new appointments cost under 200 bytes each', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	bookMany(emulator.data, 300, daysAhead(2, 8), 10);
	expect(await pollOk(trigger)).toHaveLength(300);
	const pending = pendingOf(trigger);
	expect(pending).toHaveLength(300);
	expect(pending.some((event) => 'record' in event)).toBe(false);
	expect(JSON.stringify(pending).length / 300).toBeLessThan(200);
});

test('crash after crash: a redelivered event is not stored again, so it never comes a third time', async () => {
	const { emulator } = env;
	let trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(2) });
	const [first] = (await pollOk(trigger))!;
	expect(summary([first])).toEqual([`newAppointment:${booked.appointmentId}`]);
	// n8n dies after the poll that emitted it: it comes once more, its record read again.
	trigger = afterRestart(trigger, env.emulator);
	expect(await pollOk(trigger)).toEqual([{ ...first, redelivered: true }]);
	// n8n dies again after the redelivering poll: nothing comes a third time.
	const later = book(emulator.data, { start: daysAhead(3) });
	trigger = afterRestart(trigger, env.emulator);
	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${later.appointmentId}`]);
	trigger = afterRestart(trigger, env.emulator);
	const third = (await pollOk(trigger))!;
	expect(summary(third)).toEqual([`newAppointment:${later.appointmentId}`]);
	expect(third[0].redelivered).toBe(true);
	trigger = afterRestart(trigger, env.emulator);
	expect(await pollOk(trigger)).toBeNull();
});

test('a New Client lost to a crash is redelivered with the client read again', async () => {
	const { emulator } = env;
	let trigger = activeTrigger(emulator, { events: ['newClient'] });
	expect(await pollOk(trigger)).toBeNull();
	const added = addClient(emulator.data);
	const [first] = (await pollOk(trigger))!;
	trigger = afterRestart(trigger, env.emulator);
	const [again] = (await pollOk(trigger))!;
	expect(again).toMatchObject({ eventId: first.eventId, event: 'newClient', redelivered: true });
	expect((again.record as IDataObject).clientId).toBe(added.clientId);
	expect((again.record as IDataObject).lastName).toBe(added.lastName);
});

test('an invoice event lost to a crash is redelivered with the invoice read again', async () => {
	const { emulator } = env;
	let trigger = activeTrigger(emulator, { events: ['invoiceCreated'] });
	expect(await pollOk(trigger)).toBeNull();
	const invoice = {
		...emulator.data.invoices[1],
		invoiceId: 'invoice-lost-to-a-crash',
		invoiceNumber: 'CRASH-1',
		generatedAt: DateTime.now().setZone('Australia/Sydney').toISODate(),
		updatedAt: DateTime.utc().toISO(),
	};
	emulator.data.invoices.push(invoice);
	const [first] = (await pollOk(trigger))!;
	expect(first).toMatchObject({ event: 'invoiceCreated', invoiceId: invoice.invoiceId });
	trigger = afterRestart(trigger, env.emulator);
	const [again] = (await pollOk(trigger))!;
	expect(again).toMatchObject({ eventId: first.eventId, redelivered: true });
	expect(again.record).toMatchObject({ invoiceId: invoice.invoiceId, invoiceNumber: 'CRASH-1' });
	// Read by its own endpoint, never taken for an appointment.
	expect(emulator.apiRequests('appointment')).toHaveLength(0);
});
