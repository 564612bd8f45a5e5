import { createSeedData } from '../../emulator/data';
import { allExamples } from '../e2e/workflows';

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
