import { DateTime } from 'luxon';

import { createSeedData } from '../../emulator/data';
import { owingCents } from '../../emulator/invoices';
import { applyArrangement } from '../e2e/arrange';
import { formPathOf } from '../e2e/formSubmit';
import { allExamples, arrangementOf, formOf } from '../e2e/workflows';

/**
 * Every example imports into a real account ready to be set up. A sticky note says
 * what to set, and no node holds an id of the emulator's accounts (those live only in
 * `meta.emulatorSettings`, which the runners put into "Set these first").
 */
const examples = allExamples();
const seeded = createSeedData();
const emulatorIds = [
	...seeded.locations.map((row) => row.locationId),
	...seeded.practitioners.map((row) => row.practitionerId),
	...seeded.appointmentTypes.map((row) => row.appointmentTypeId),
	...seeded.clients.map((row) => row.clientId),
].map(String);

test('the examples folder is read', () => {
	expect(examples.length).toBeGreaterThanOrEqual(10);
	expect(emulatorIds.length).toBeGreaterThan(100);
});

test.each(examples.map((example) => [example.file, example] as const))(
	'%s: a sticky note says what to set, and no node holds an emulator id',
	(_file, example) => {
		const notes = example.nodes
			.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node) => String((node.parameters as { content?: unknown }).content ?? ''));
		expect(notes.some((content) => /^## \S/.test(content) && /credential/i.test(content))).toBe(
			true,
		);
		const nodes = JSON.stringify(example.nodes);
		expect(emulatorIds.filter((id) => nodes.includes(id))).toEqual([]);
	},
);

/** A Form Trigger example is run by submitting `meta.e2e.form`: it must answer every required field, by label. */
const withForms = examples.filter((example) => formOf(example));
test.each(withForms.map((example) => [example.file, example] as const))(
	'%s: meta.e2e.form answers every required field of its Form Trigger and no other',
	(_file, example) => {
		const { trigger, answers } = formOf(example)!;
		const fields = (
			trigger.parameters as {
				formFields: { values: Array<{ fieldLabel: string; requiredField?: boolean }> };
			}
		).formFields.values;
		expect(Object.keys(answers).sort()).toEqual(fields.map((field) => field.fieldLabel).sort());
		expect(formPathOf(example)).toMatch(/^[a-z0-9-]+$/);
	},
);

test("an arranged diary starts on the right day in the location's zone and leaves the seeded clients as they are", () => {
	const data = createSeedData();
	const before = JSON.stringify(data.clients);
	const arranged = examples.filter((example) => arrangementOf(example));
	expect(arranged.map((example) => example.file)).toContain('daily-reminders.json');
	// 23:30 UTC is already the next day in Adelaide (UTC+10:30 in December).
	const now = DateTime.fromISO('2026-12-07T23:30:00Z');
	const rows = applyArrangement(data, arrangementOf(arranged[0]), now);
	expect(JSON.stringify(data.clients.slice(0, seeded.clients.length))).toBe(before);
	expect(data.clients).toHaveLength(seeded.clients.length + rows.length);
	const ruby = rows.find(
		(row) =>
			data.clients.find(
				(client) => client.clientId === (row.clients as Array<{ clientId: string }>)[0].clientId,
			)?.firstName === 'Ruby',
	);
	expect(ruby).toMatchObject({ startDateTime: '2026-12-09T09:30:00 +10:30', status: 'Booked' });
	expect(rows.filter((row) => row.status === 'Cancelled')).toHaveLength(1);
});

test('an arranged invoice is the newest coreplus lists, its client new, paid in full when asked', () => {
	const data = createSeedData();
	const arrangement = arrangementOf(
		examples.find((example) => example.file === 'invoice-paid-receipt.json')!,
	)!;
	applyArrangement(data, arrangement, DateTime.fromISO('2026-12-07T23:30:00Z'));
	const [invoice] = data.invoices;
	expect(invoice).toMatchObject({ invoiceNumber: 'INV-7001', generatedAt: '2026-12-06' });
	expect(data.clients.find((client) => client.clientId === invoice.clientId)).toMatchObject({
		email: 'iris.paid@patients.example',
	});
	expect(owingCents(invoice, data.payments)).toBe(0);
});

test('an arranged appointment can start minutes from now and carry a status staff set', () => {
	const data = createSeedData();
	const now = DateTime.fromISO('2026-12-08T01:10:30Z');
	const arrangementFor = (file: string) =>
		arrangementOf(examples.find((example) => example.file === file)!);
	const [absent] = applyArrangement(data, arrangementFor('did-not-arrive-follow-up.json'), now);
	const [soon] = applyArrangement(data, arrangementFor('starting-soon-reminder.json'), now);
	// Adelaide is UTC+10:30 in December; the start is taken to the minute.
	expect(absent).toMatchObject({
		status: 'Did Not Arrive',
		startDateTime: '2026-12-08T11:40:00 +10:30',
	});
	expect(soon).toMatchObject({ status: 'Booked', startDateTime: '2026-12-08T12:40:00 +10:30' });
});
