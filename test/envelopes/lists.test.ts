import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import type { EnvelopeVariant } from '../../emulator/envelopes';
import { seeded } from '../booking/fixtures';
import { hintsOf } from './helpers';

/**
 * A coreplus server that answers a list in another envelope than the one the node infers: the node
 * reads the rows all the same and says so in its output hints; an answer it cannot read fails,
 * naming the endpoint, the keys received and the key expected. Never a silent empty list.
 */
const env = useEmulator();
afterEach(() => env.emulator.envelopes.clear());

const readable: EnvelopeVariant[] = ['renamedKey', 'pascalCase', 'extraFields', 'bareArray'];
const lists = [
	{
		resource: 'location',
		path: 'location',
		endpoint: 'Location/',
		listKey: 'locations',
		idField: 'locationId',
		rows: () => env.emulator.data.locations,
	},
	{
		resource: 'practitioner',
		path: 'practitioner',
		endpoint: 'Practitioner/',
		listKey: 'practitioners',
		idField: 'practitionerId',
		rows: () => env.emulator.data.practitioners,
	},
	{
		resource: 'appointmentType',
		path: 'appointmenttype',
		endpoint: 'AppointmentType/',
		listKey: 'appointmentTypes',
		idField: 'appointmentTypeId',
		rows: () => env.emulator.data.appointmentTypes,
	},
	{
		resource: 'client',
		path: 'client',
		endpoint: 'Client/',
		listKey: 'clients',
		idField: 'clientId',
		rows: () => env.emulator.data.clients,
	},
];
const cases = lists.flatMap((list) =>
	readable.map((variant) => [list.resource, variant, list] as const),
);

test.each(cases)(
	'%s → Get Many answered as %s: every row, and a visible notice',
	async (_resource, variant, list) => {
		const { emulator } = env;
		emulator.envelopes.set({ path: list.path, variant });
		const result = await runCoreplus(emulator, {
			resource: list.resource,
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.output('coreplus')).map((row) => row[list.idField]);
		expect(ids).toEqual(list.rows().map((row) => row[list.idField]));
		expect(ids.length).toBeGreaterThan(0);
		const hints = hintsOf(result);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toContain(`GET ${list.endpoint}`);
		expect(hints[0]).toContain(`"${list.listKey}"`);
	},
);

test('the documented envelope gives no notice', async () => {
	const result = await runCoreplus(env.emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(hintsOf(result)).toEqual([]);
});

test.each(['ambiguous', 'empty'] as const)(
	'an unreadable list answer (%s) fails naming the endpoint, the keys received and the key expected',
	async (variant) => {
		const { emulator } = env;
		emulator.envelopes.set({ path: 'location', variant });
		const result = await runCoreplus(emulator, {
			resource: 'location',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.output('coreplus')).toEqual([]);
		expect(result.error?.message).toContain('GET Location/');
		expect(result.error?.message).toContain('expected a "locations" list');
		expect(result.error?.message).toMatch(
			variant === 'empty'
				? /received keys: none \(an empty object\)/
				: /received keys: current, archived, paging, statusMessages/,
		);
	},
);

test('a slot search answered under another key still finds the slot', async () => {
	const { emulator } = env;
	const { sydney, aisha } = seeded(emulator);
	const search = {
		resource: 'availabilitySlot',
		operation: 'getMany',
		returnAll: true,
		startDate: '2026-04-06',
		endDate: '2026-04-06',
		timeZoneSource: 'location',
		timeZoneLocationId: sydney.locationId,
		filters: { practitionerIds: [aisha.practitionerId] },
	} as never;
	const expected = jsonOf((await runCoreplus(emulator, search)).output('coreplus'));
	expect(expected.length).toBeGreaterThan(0);

	emulator.envelopes.set({ path: 'availabilityslot', variant: 'extraFields' });
	const result = await runCoreplus(emulator, search);
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toEqual(expected);
	expect(hintsOf(result)[0]).toMatch(
		/GET AvailabilitySlot\/ without a "timeslots" list .*read the rows from "results"/,
	);
});
