import { book, remove } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, daysAhead, pollOk, storedAppointments, summary } from './helpers';

const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

test('a vanished appointment whose look-up fails does not hold back other events; it is tried again and told once it resolves', async () => {
	const { emulator } = env;
	const gone = book(emulator.data, { start: daysAhead(3) });
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();

	remove(emulator.data, String(gone.appointmentId));
	const booked = book(emulator.data, { start: daysAhead(4) });
	// Every attempt of this poll's look-up (the request and its 3 retries) answers 500.
	emulator.injectFault({
		kind: 'status',
		status: 500,
		path: `appointment/${String(gone.appointmentId)}`,
		times: 4,
	});
	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${booked.appointmentId}`]);
	expect(
		emulator.apiRequests(`appointment/${String(gone.appointmentId)}`).map((r) => r.status),
	).toEqual([500, 500, 500, 500]);
	expect(storedAppointments(trigger).entries).toHaveProperty(String(gone.appointmentId));

	emulator.resetLog();
	expect(summary(await pollOk(trigger))).toEqual([`appointmentCancelled:${gone.appointmentId}`]);
	expect(
		emulator.apiRequests(`appointment/${String(gone.appointmentId)}`).map((r) => r.status),
	).toEqual([404]);
	expect(await pollOk(trigger)).toBeNull();
});

test('a look-up that keeps failing is given up after 10 polls, and never blocks the others', async () => {
	const { emulator } = env;
	const gone = book(emulator.data, { start: daysAhead(3) });
	const trigger = activeTrigger(emulator, { events: ['newAppointment', 'appointmentCancelled'] });
	expect(await pollOk(trigger)).toBeNull();
	remove(emulator.data, String(gone.appointmentId));
	// A token without the appointment-view permission answers 401, which is not retried.
	emulator.injectFault({
		kind: 'status',
		status: 401,
		path: `appointment/${String(gone.appointmentId)}`,
		times: 100,
	});
	for (let poll = 1; poll <= 10; poll++) {
		const booked = book(emulator.data, { start: daysAhead(4 + poll) });
		expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${booked.appointmentId}`]);
	}
	expect(storedAppointments(trigger).entries).not.toHaveProperty(String(gone.appointmentId));
	expect(await pollOk(trigger)).toBeNull();
	expect(emulator.apiRequests(`appointment/${String(gone.appointmentId)}`)).toHaveLength(10);
});

test('with only New Appointment watched, a vanished appointment is looked up once (to tell a reschedule from a cancellation)', async () => {
	const { emulator } = env;
	const gone = book(emulator.data, { start: daysAhead(3) });
	const id = String(gone.appointmentId);
	const trigger = activeTrigger(emulator, { events: ['newAppointment'] });
	expect(await pollOk(trigger)).toBeNull();
	remove(emulator.data, id);
	emulator.resetLog();
	expect(await pollOk(trigger)).toBeNull();
	expect(await pollOk(trigger)).toBeNull();
	expect(emulator.apiRequests().map((r) => r.path.toLowerCase().replace(/\/$/, ''))).toEqual([
		'location',
		'appointment',
		`appointment/${id.toLowerCase()}`,
		'location',
		'appointment',
	]);
});

test('a poll that starts while the previous one is still reading emits nothing the other emits', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ['newAppointment'] });
	expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(2) });
	emulator.injectFault({ kind: 'slow', path: 'appointment', delayMs: 1500 });
	const slow = trigger.poll();
	await new Promise((resolve) => setTimeout(resolve, 500));
	const overlapping = await trigger.poll();
	const outcomes = [await slow, overlapping];
	expect(outcomes.map((outcome) => outcome.error)).toEqual([undefined, undefined]);
	expect(outcomes.flatMap((outcome) => summary(outcome.items))).toEqual([
		`newAppointment:${booked.appointmentId}`,
	]);
	expect(await pollOk(trigger)).toBeNull();
});

test('a larger Look-Ahead Days is a new baseline for the added days', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ['newAppointment'], lookAheadDays: 10 });
	book(emulator.data, { start: daysAhead(20) });
	expect(await pollOk(trigger)).toBeNull();

	trigger.workflow.nodes.trigger.parameters.lookAheadDays = 30;
	expect(await pollOk(trigger)).toBeNull();
	expect(Object.keys(storedAppointments(trigger).entries)).toHaveLength(1);
	const later = book(emulator.data, { start: daysAhead(25) });
	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${later.appointmentId}`]);
});
