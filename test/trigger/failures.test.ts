import { jsonOf, node, runWorkflow } from '../../harness/engine';
import { addClient, book } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, ALL_EVENTS, daysAhead, pollOk, summary, TRIGGER_TYPE } from './helpers';

const env = useEmulator();
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

test('a poll that fails (503 after the retries) emits nothing and changes nothing; the next successful poll catches up', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ALL_EVENTS });
	expect(await pollOk(trigger)).toBeNull();

	const booked = book(emulator.data, { start: daysAhead(3) });
	const client = addClient(emulator.data);
	const before = clone(trigger.staticData);
	emulator.injectFault({ kind: 'status', status: 503, times: 10 });

	let failures = 0;
	for (;;) {
		const outcome = await trigger.poll();
		if (!outcome.error) {
			expect(summary(outcome.items)).toEqual([
				`newAppointment:${booked.appointmentId}`,
				`newClient:${client.clientId}`,
			]);
			break;
		}
		failures++;
		expect(outcome.items).toBeNull();
		expect(outcome.error.message).toMatch(/503|Service Unavailable/);
		expect(clone(trigger.staticData)).toEqual(before);
		expect(failures).toBeLessThan(4);
	}
	// 10 faulty answers, 4 attempts per request (3 retries): two polls failed, the third caught up.
	expect(failures).toBe(2);
	expect(emulator.requests.filter((r) => r.status === 503)).toHaveLength(10);
	expect(await pollOk(trigger)).toBeNull();
});

test('a failure after the appointment list was read (client list down) loses no appointment event', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ALL_EVENTS });
	expect(await pollOk(trigger)).toBeNull();

	const booked = book(emulator.data, { start: daysAhead(4) });
	const before = clone(trigger.staticData);
	emulator.injectFault({ kind: 'status', status: 503, path: 'client', times: 4 });
	const failed = await trigger.poll();
	expect(failed.error).toBeDefined();
	expect(emulator.apiRequests('appointment').length).toBeGreaterThan(0);
	expect(clone(trigger.staticData)).toEqual(before);

	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${booked.appointmentId}`]);
});

test('"Fetch Test Event" (a manual run through the engine) returns the most recent real appointment', async () => {
	const { emulator } = env;
	book(emulator.data, { start: daysAhead(5) });
	const latest = book(emulator.data, { start: daysAhead(2) });
	const result = await runWorkflow({
		nodes: [
			node({
				name: 'trigger',
				type: TRIGGER_TYPE,
				parameters: { events: ['newAppointment'] },
				credentials: { coreplusApi: { id: '1', name: 'coreplus test' } },
			}),
		],
		credentials: { coreplusApi: emulator.credentials() as never },
		mode: 'manual',
	});
	expect(result.error).toBeUndefined();
	const items = jsonOf(result.output('trigger'));
	expect(items).toHaveLength(1);
	expect(items[0]).toEqual({
		event: 'newAppointment',
		eventId: expect.stringMatching(
			new RegExp(`^${latest.appointmentId}:newAppointment:[\\w-]{12}$`),
		),
		start: daysAhead(2).toISO({ suppressMilliseconds: true }),
		end: daysAhead(2).plus({ minutes: 30 }).toISO({ suppressMilliseconds: true }),
		record: expect.objectContaining({
			appointmentId: latest.appointmentId,
			startDateTime: latest.startDateTime,
		}),
	});
	expect(result.run.data.resultData.runData.trigger).toHaveLength(1);
});

test('a manual run on an active workflow consumes no event', async () => {
	const { emulator } = env;
	const trigger = activeTrigger(emulator, { events: ['newAppointment'] });
	expect(await pollOk(trigger)).toBeNull();
	const booked = book(emulator.data, { start: daysAhead(1) });
	const before = clone(trigger.staticData);
	const manual = await trigger.poll('manual');
	expect(summary(manual.items)).toEqual([`newAppointment:${booked.appointmentId}`]);
	expect(clone(trigger.staticData)).toEqual(before);
	expect(summary(await pollOk(trigger))).toEqual([`newAppointment:${booked.appointmentId}`]);
});

test('"Fetch Test Event" for New Client returns the last client of the list in two requests', async () => {
	const { emulator } = env;
	const client = addClient(emulator.data, { firstName: 'Latest' });
	const result = await runWorkflow({
		nodes: [
			node({
				name: 'trigger',
				type: TRIGGER_TYPE,
				parameters: { events: ['newClient'] },
				credentials: { coreplusApi: { id: '1', name: 'coreplus test' } },
			}),
		],
		credentials: { coreplusApi: emulator.credentials() as never },
		mode: 'manual',
	});
	expect(jsonOf(result.output('trigger'))).toEqual([
		{ event: 'newClient', eventId: `${client.clientId}:newClient`, record: client },
	]);
	expect(emulator.apiRequests('client').map((r) => r.query.get('pageNumber'))).toEqual([
		'1',
		String(Math.ceil(emulator.data.clients.length / 100)),
	]);
});

test.each([
	[{ events: [] }, /Invalid "Events".*choose at least one/],
	[{ events: ['newAppointment'], lookAheadDays: 0 }, /Invalid "Look-Ahead Days".*0 is not allowed/],
	[{ events: ['newAppointment'], lookAheadDays: 2.5 }, /Invalid "Look-Ahead Days"/],
	[
		{ events: ['newAppointment'], practitionerIds: '={{ 42 }}' },
		/Invalid "Practitioner Names or IDs"/,
	],
])('bad settings %j are refused before any request', async (parameters, message) => {
	const { emulator } = env;
	const outcome = await activeTrigger(emulator, parameters).poll();
	expect(outcome.error?.message).toMatch(message);
	expect(emulator.requests).toHaveLength(0);
});
