import 'reflect-metadata';

import { DateTime } from 'luxon';
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IDataObject, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { book, cancel, setStatus } from '../../emulator/mutations';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import { node } from '../../harness/engine';
import { useEmulator } from '../../harness/helpers';
import { TestNodeTypes } from '../../harness/nodeTypes';
import { getAppointmentStatuses } from '../../nodes/CoreplusTrigger/statusOptions';
import { activeTrigger, daysAhead, fakeDateOnly, pollOk, summary, TRIGGER_TYPE } from './helpers';

const env = useEmulator();
const STATUS_EVENTS = ['appointmentStatusChanged', 'appointmentUpdated', 'appointmentCancelled'];

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});
afterEach(() => jest.useRealTimers());

test('an upcoming appointment: Status Changed beside Updated, and a cancellation beside Cancelled', async () => {
	const { emulator } = env;
	const [confirmed, cancelled] = [daysAhead(2), daysAhead(3)].map((start) =>
		book(emulator.data, { start }),
	);
	const trigger = activeTrigger(emulator, { events: STATUS_EVENTS });
	await pollOk(trigger);

	setStatus(emulator.data, String(confirmed.appointmentId), 'Confirmed');
	cancel(emulator.data, String(cancelled.appointmentId));
	const items = await pollOk(trigger);
	expect(summary(items).sort()).toEqual(
		[
			`appointmentStatusChanged:${confirmed.appointmentId}`,
			`appointmentUpdated:${confirmed.appointmentId}`,
			`appointmentStatusChanged:${cancelled.appointmentId}`,
			`appointmentCancelled:${cancelled.appointmentId}`,
		].sort(),
	);
	const ids = new Set(items!.map((item) => item.eventId));
	expect(ids.size).toBe(4);
});

test('Status Names filters on the new status, whatever its case; empty tells every status', async () => {
	const { emulator } = env;
	const [a, b] = [daysAhead(2), daysAhead(3)].map((start) => book(emulator.data, { start }));
	const filtered = activeTrigger(emulator, {
		events: ['appointmentStatusChanged'],
		statuses: ['did not arrive'],
	});
	const every = activeTrigger(emulator, { events: ['appointmentStatusChanged'] });
	await pollOk(filtered);
	await pollOk(every);

	setStatus(emulator.data, String(a.appointmentId), 'Did Not Arrive');
	setStatus(emulator.data, String(b.appointmentId), 'Attended');
	expect(summary(await pollOk(filtered))).toEqual([`appointmentStatusChanged:${a.appointmentId}`]);
	expect(summary(await pollOk(every))).toEqual([
		`appointmentStatusChanged:${a.appointmentId}`,
		`appointmentStatusChanged:${b.appointmentId}`,
	]);
});

test('Fetch Test Event shows an appointment in a chosen status', async () => {
	const { emulator } = env;
	const [, dna] = [daysAhead(1), daysAhead(2), daysAhead(3)].map((start) =>
		book(emulator.data, { start }),
	);
	setStatus(emulator.data, String(dna.appointmentId), 'Did Not Arrive');
	const trigger = activeTrigger(emulator, {
		events: ['appointmentStatusChanged'],
		statuses: ['Did Not Arrive'],
	});
	const outcome = await trigger.poll('manual');
	expect(outcome.items).toEqual([
		expect.objectContaining({
			event: 'appointmentStatusChanged',
			previousStatus: null,
			status: 'Did Not Arrive',
			record: expect.objectContaining({ appointmentId: dna.appointmentId }) as IDataObject,
		}),
	]);
});

test('the Status Names dropdown offers the statuses coreplus used, and Attended', async () => {
	const { emulator } = env;
	const [a] = [daysAhead(1), daysAhead(2)].map((start) => book(emulator.data, { start }));
	setStatus(emulator.data, String(a.appointmentId), 'Did Not Arrive');
	const trigger = node({
		name: 'trigger',
		type: TRIGGER_TYPE,
		parameters: { events: ['appointmentStatusChanged'] },
		credentials: { coreplusApi: { id: '1', name: 'coreplus test' } },
	});
	const workflow = new Workflow({
		id: 'editor',
		nodes: [trigger],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({
			coreplusApi: emulator.credentials() as never,
		}),
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, trigger, additionalData, 'parameters.statuses');
	const options = await getAppointmentStatuses.call(context);
	expect(options.map((option) => option.value)).toEqual(['Attended', 'Booked', 'Did Not Arrive']);
	const listed = emulator.apiRequests('appointment');
	expect(listed).toHaveLength(1);
	expect(listed[0].query.get('pageSize')).toBe('100');
});

// Last in the file: it moves the clock (Date only) forward to a Sydney afternoon, so that the
// practice's day has an earlier appointment whatever the hour the test runs.
test("attendance marked on today's earlier appointment: one Status Changed with the old and new status, nothing else", async () => {
	const afternoon = DateTime.now().setZone('Australia/Sydney').plus({ days: 1 }).set({ hour: 15 });
	fakeDateOnly(afternoon.toMillis());
	const { emulator } = env;
	const earlier = book(emulator.data, { start: afternoon.minus({ hours: 1 }).startOf('minute') });
	const trigger = activeTrigger(emulator, { events: STATUS_EVENTS });
	expect(await pollOk(trigger)).toBeNull();

	setStatus(emulator.data, String(earlier.appointmentId), 'Did Not Arrive');
	const items = await pollOk(trigger);
	expect(summary(items)).toEqual([`appointmentStatusChanged:${earlier.appointmentId}`]);
	expect(items![0]).toMatchObject({
		previousStatus: 'Booked',
		status: 'Did Not Arrive',
		record: { appointmentId: earlier.appointmentId, status: 'Did Not Arrive' },
	});
	expect(items![0].eventId).toMatch(
		new RegExp(`^${earlier.appointmentId}:appointmentStatusChanged:`),
	);
	expect(await pollOk(trigger)).toBeNull();
});
