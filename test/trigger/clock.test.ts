import { DateTime } from 'luxon';
import type { IDataObject, INode } from 'n8n-workflow';

import { book, cancel, move } from '../../emulator/mutations';
import { DEMO_CONSUMER } from '../../emulator/consumers';
import { PolledWorkflow } from '../../harness/poll';
import { useEmulator } from '../../harness/helpers';
import { pollOk, summary, TRIGGER_TYPE, fakeDateOnly } from './helpers';

/**
 * The trigger's window and its "passed" decision follow the wall clock, which can step: NTP
 * correcting a clock that booted in local time, a VM resumed. Nothing may be forgotten or told
 * again because the clock moved. Only Date is faked (and keeps running); timers and sockets stay real.
 */
const env = useEmulator();
const HOUR = 60 * 60 * 1000;
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
	fakeDateOnly(Date.now());
});

afterEach(() => {
	jest.useRealTimers();
});

let consumers = 0;

/**
 * Credentials of a new API consumer. Every test, and every step back, polls as another consumer:
 * the request pacing of a consumer used before a step back (its send times then lie in the
 * future) is not what these tests are about.
 */
function freshConsumer() {
	const consumer = {
		...DEMO_CONSUMER,
		consumerId: `clock-step-consumer-${++consumers}`,
		consumerSecret: `clock-step-secret-${consumers}-9f3b2c`,
	};
	env.emulator.consumers.push(consumer);
	return {
		coreplusApi: {
			...env.emulator.credentials(),
			consumerId: consumer.consumerId,
			consumerSecret: consumer.consumerSecret,
		} as never,
	};
}

function watching(parameters: INode['parameters']): PolledWorkflow {
	return new PolledWorkflow(TRIGGER_TYPE, parameters, freshConsumer());
}

/** The same workflow and state after the clock stepped back (see `freshConsumer`). */
function afterStepBack(trigger: PolledWorkflow): PolledWorkflow {
	const saved = JSON.parse(JSON.stringify(trigger.workflow.staticData)) as IDataObject;
	return new PolledWorkflow(TRIGGER_TYPE, trigger.node.parameters, freshConsumer(), {
		id: trigger.workflow.id,
		staticData: saved,
	});
}

const minutesAhead = (minutes: number) =>
	DateTime.now().plus({ minutes }).set({ second: 0, millisecond: 0 });

test('clock +2 h and back: an appointment 40 minutes ahead is still watched, its cancellation told, nothing told as new again', async () => {
	const { emulator } = env;
	const soon = book(emulator.data, { start: minutesAhead(40) });
	const later = book(emulator.data, { start: minutesAhead(50) });
	const trigger = watching({ events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();

	jest.setSystemTime(Date.now() + 2 * HOUR);
	expect(await pollOk(trigger)).toBeNull();
	cancel(emulator.data, String(soon.appointmentId));
	expect(await pollOk(trigger)).toBeNull();

	jest.setSystemTime(Date.now() - 2 * HOUR);
	const restepped = afterStepBack(trigger);
	expect(summary(await pollOk(restepped))).toEqual([`appointmentCancelled:${soon.appointmentId}`]);
	expect(await pollOk(restepped)).toBeNull();
	move(emulator.data, String(later.appointmentId), minutesAhead(55));
	expect(summary(await pollOk(restepped))).toEqual([`appointmentUpdated:${later.appointmentId}`]);
});

test('clock stepped back 3 h: appointments that had already started are not told as new', async () => {
	const { emulator } = env;
	const started = book(emulator.data, { start: minutesAhead(20) });
	const trigger = watching({ events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	// An hour passes: the appointment has started (no event), then the clock steps back 3 hours.
	jest.setSystemTime(Date.now() + HOUR);
	expect(await pollOk(trigger)).toBeNull();
	jest.setSystemTime(Date.now() - 3 * HOUR);
	const restepped = afterStepBack(trigger);
	expect(await pollOk(restepped)).toBeNull();
	// It is still watched: its cancellation is told once.
	cancel(emulator.data, String(started.appointmentId));
	expect(summary(await pollOk(restepped))).toEqual([
		`appointmentCancelled:${started.appointmentId}`,
	]);
});

test('only New Appointment watched: a reschedule beyond the window is no second New Appointment when the window reaches it', async () => {
	const { emulator } = env;
	const booked = book(emulator.data, { start: DateTime.now().plus({ days: 3 }) });
	const trigger = watching({ events: ['newAppointment'], lookAheadDays: 10 });
	expect(await pollOk(trigger)).toBeNull();
	move(emulator.data, String(booked.appointmentId), DateTime.now().plus({ days: 14 }));
	const told: IDataObject[] = [];
	for (let step = 0; step < 14; step++) {
		told.push(...((await pollOk(trigger)) ?? []));
		jest.setSystemTime(Date.now() + 12 * HOUR);
	}
	expect(summary(told)).toEqual([]);
});
