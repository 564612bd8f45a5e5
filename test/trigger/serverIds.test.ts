import { addClient, book, cancel, move, remove } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, daysAhead, pollOk, storedAppointments, summary } from './helpers';

const env = useEmulator();
const APPOINTMENT_EVENTS = ['newAppointment', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

// Ids are server data; ones that name members of a JavaScript object are plain ids.
test('appointment ids __proto__, constructor and hasOwnProperty are watched like any other', async () => {
	const { emulator } = env;
	const [proto, ctor, own] = ['__proto__', 'constructor', 'hasOwnProperty'].map((id, index) => {
		const row = book(emulator.data, { start: daysAhead(2 + index) });
		row.appointmentId = id;
		return id;
	});
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	// Kept in one case (ids are compared blind to case).
	expect(Object.keys(storedAppointments(trigger).entries).sort()).toEqual(
		[proto, ctor, own].map((id) => id.toLowerCase()).sort(),
	);

	move(emulator.data, proto, daysAhead(6));
	cancel(emulator.data, ctor);
	remove(emulator.data, own);
	expect(summary(await pollOk(trigger))).toEqual([
		`appointmentCancelled:${ctor}`,
		// Gone (404): the record holds only the id, as the state keeps it (in one case).
		`appointmentCancelled:${own.toLowerCase()}`,
		`appointmentUpdated:${proto}`,
	]);
	expect(await pollOk(trigger)).toBeNull();
	const added = book(emulator.data, { start: daysAhead(7) });
	added.appointmentId = 'toString';
	expect(summary(await pollOk(trigger))).toEqual(['newAppointment:toString']);
	expect(await pollOk(trigger)).toBeNull();
});

// "You may not read appointments" is not "this appointment is gone".
test('a 404 whose body says the endpoint is not enabled is no cancellation; the appointment is told once the look-up really answers', async () => {
	const { emulator } = env;
	const gone = book(emulator.data, { start: daysAhead(3) });
	const id = String(gone.appointmentId);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	remove(emulator.data, id);
	for (const reason of [
		'The API endpoint is not enabled for this consumer',
		'Consumer is not authorised to access this resource',
		'You do not have permission to view appointments',
	]) {
		emulator.injectFault({ kind: 'status', status: 404, path: `appointment/${id}`, reason });
		expect(await pollOk(trigger)).toBeNull();
		expect(storedAppointments(trigger).entries).toHaveProperty(id);
	}
	expect(storedAppointments(trigger).unresolved?.[id]).toBe(3);
	expect(summary(await pollOk(trigger))).toEqual([`appointmentCancelled:${id}`]);
	expect(await pollOk(trigger)).toBeNull();
});

test('an appointment id served in another case is the same appointment: no new booking, no look-up', async () => {
	const { emulator } = env;
	const booked = book(emulator.data, { start: daysAhead(2) });
	const id = String(booked.appointmentId);
	const trigger = activeTrigger(emulator, { events: APPOINTMENT_EVENTS });
	expect(await pollOk(trigger)).toBeNull();
	booked.appointmentId = id.toUpperCase();
	emulator.resetLog();
	expect(await pollOk(trigger)).toBeNull();
	expect(await pollOk(trigger)).toBeNull();
	expect(emulator.apiRequests(`appointment/${id}`)).toHaveLength(0);
	cancel(emulator.data, id.toUpperCase());
	expect(summary(await pollOk(trigger))).toEqual([`appointmentCancelled:${id.toUpperCase()}`]);
});

test('a client id served in another case is the same client: no New Client', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ['newClient'] });
	expect(await pollOk(trigger)).toBeNull();
	const last = emulator.data.clients[emulator.data.clients.length - 1];
	last.clientId = String(last.clientId).toUpperCase();
	expect(await pollOk(trigger)).toBeNull();
	const added = addClient(emulator.data);
	expect(summary(await pollOk(trigger))).toEqual([`newClient:${added.clientId}`]);
});
