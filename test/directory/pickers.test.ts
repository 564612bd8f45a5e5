import 'reflect-metadata';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { searchClients } from '../../nodes/Coreplus/methods/listSearch';
import {
	getAppointmentTypes,
	getLocations,
	getPractitioners,
} from '../../nodes/Coreplus/methods/loadOptions';
import { NO_CLIENT_LIST_ACCESS_TOKEN } from '../../emulator/consumers';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import { TestNodeTypes } from '../../harness/nodeTypes';
import { coreplusNode, useEmulator } from '../../harness/helpers';

const env = useEmulator({ clients: 1200 });

/** n8n-core's real load-options context, as the editor uses it, with the test credential. */
function editorContext(accessToken?: string) {
	const node = coreplusNode({ resource: 'client', operation: 'addFamilyMember' });
	const workflow = new Workflow({
		id: 'editor',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const credentials = { coreplusApi: env.emulator.credentials(accessToken) as never };
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentials),
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.clientId');
}

test('practitioner dropdown: every practitioner by name, the id as value, through the signed transport', async () => {
	const { emulator } = env;
	const options = await getPractitioners.call(editorContext());
	expect(options).toHaveLength(emulator.data.practitioners.length);
	expect(options).toContainEqual({
		name: 'Dr Aisha Rahman',
		value: emulator.data.practitioners[0].practitionerId,
		description: 'Psychologist',
	});
	expect(options.map((o) => o.name)).toEqual(
		[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
	);
	const [received] = emulator.apiRequests('practitioner');
	expect(received.claims?.url).toBe(received.url);
});

test.each([
	['nested', 'Australia/Sydney'],
	['topLevel', 'AUS Eastern Standard Time'],
] as const)(
	'location dropdown shows the name and timezone (%s zone shape)',
	async (locationZone, zone) => {
		const { emulator } = env;
		emulator.shapes.set({ locationZone });
		try {
			const options = await getLocations.call(editorContext());
			const sydney = emulator.data.locations[0];
			expect(options).toContainEqual({
				name: `Sydney CBD Clinic (${zone})`,
				value: sydney.locationId,
				description: sydney.timezoneId,
			});
		} finally {
			emulator.shapes.reset();
		}
	},
);

test('appointment type dropdown shows the duration', async () => {
	const { emulator } = env;
	const options = await getAppointmentTypes.call(editorContext());
	expect(options).toContainEqual({
		name: 'Initial Consultation (60 min)',
		value: emulator.data.appointmentTypes[0].appointmentTypeId,
		description: undefined,
	});
	expect(emulator.apiRequests('appointmenttype')[0].path).toBe('AppointmentType/');
});

describe('client search (listSearch)', () => {
	test('without a search text: one page per call, with a token for the next page', async () => {
		const { emulator } = env;
		const first = await searchClients.call(editorContext());
		expect(first.results).toHaveLength(100);
		expect(first.results[0].value).toBe(emulator.data.clients[0].clientId);
		expect(first.paginationToken).toBe('2');
		const last = await searchClients.call(editorContext(), undefined, '12');
		expect(last.results.map((r) => r.value)).toEqual(
			emulator.data.clients.slice(1100).map((c) => c.clientId),
		);
		expect(last.paginationToken).toBeUndefined();
		expect(emulator.apiRequests('client').map((r) => r.query.toString())).toEqual([
			'pageNumber=1&pageSize=100',
			'pageNumber=12&pageSize=100',
		]);
	});

	test('with a search text: matches on names ignoring case and accents, in list order, continuing where it stopped', async () => {
		const { emulator } = env;
		const target = emulator.data.clients.find((c) => c.lastName === 'García')!;
		const matches = (filter: (c: Record<string, unknown>) => boolean) =>
			emulator.data.clients.filter(filter).map((c) => c.clientId);
		const expected = matches((c) => c.firstName === target.firstName && c.lastName === 'García');
		const collected: unknown[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const page = await searchClients.call(
				editorContext(),
				`${String(target.firstName).toLowerCase()} garcia`,
				token,
			);
			collected.push(...page.results.map((r) => r.value));
			token = page.paginationToken;
			calls++;
		} while (token && calls < 20);
		expect(collected).toEqual(expected);
		expect(expected.length).toBeGreaterThan(0);
		// Every page read once across the calls.
		const pages = emulator
			.apiRequests('client')
			.filter((r) => r.status === 200)
			.map((r) => Number(r.query.get('pageNumber')));
		expect(pages.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		const label = (await searchClients.call(editorContext(), String(target.clientId))).results;
		expect(label).toEqual([
			{
				name: `${target.firstName} García, born ${String(target.dateOfBirth).slice(0, 10)}`,
				value: target.clientId,
			},
		]);
	});

	test("a token without the client-list permission gets coreplus' reason in the picker", async () => {
		await expect(
			searchClients.call(editorContext(NO_CLIENT_LIST_ACCESS_TOKEN), 'smith'),
		).rejects.toThrow('Not authorized for viewing client list');
	});
});

describe('dropdowns and the client picker read other envelopes and capped pages', () => {
	afterEach(() => {
		env.emulator.envelopes.clear();
		env.emulator.pageSizeCap = undefined;
	});

	test('the practitioner dropdown reads practitioners answered under another key', async () => {
		const { emulator } = env;
		emulator.envelopes.set({ path: 'practitioner', variant: 'renamedKey' });
		const options = await getPractitioners.call(editorContext());
		expect(options.map((o) => o.value).sort()).toEqual(
			emulator.data.practitioners.map((p) => p.practitionerId).sort(),
		);
	});

	test('the dropdowns and the client picker still log a notice when they read another envelope', async () => {
		const { emulator } = env;
		emulator.envelopes.set({ path: 'practitioner', variant: 'renamedKey' });
		emulator.envelopes.set({ path: 'client', variant: 'bareArray' });
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		try {
			await getPractitioners.call(editorContext());
			await searchClients.call(editorContext());
			const warned = warn.mock.calls.map(([message]) => String(message));
			expect(warned).toContain(
				'coreplus answered GET Practitioner/ without a "practitioners" list (keys received: data, paging, statusMessages); the node read the rows from "data"',
			);
			expect(warned).toContain(
				'coreplus answered GET Client/ with a bare list instead of a "clients" list with paging; the node read the list as it is',
			);
		} finally {
			warn.mockRestore();
		}
	});

	test('an unreadable answer fails the dropdown, naming the endpoint', async () => {
		env.emulator.envelopes.set({ path: 'location', variant: 'empty' });
		await expect(getLocations.call(editorContext())).rejects.toThrow(
			'coreplus answered GET Location/ in a shape the node cannot read: expected a "locations" list',
		);
	});

	test('the client search follows a server that serves 40 clients a page, in PascalCase', async () => {
		const { emulator } = env;
		emulator.pageSizeCap = 40;
		emulator.envelopes.set({ path: 'client', variant: 'pascalCase' });
		const target = emulator.data.clients[620];
		const found = await searchClients.call(editorContext(), String(target.clientId));
		expect(found.results.map((r) => r.value)).toEqual([target.clientId]);
		// Pages of 40: client 621 is on page 16 (numbered by 100 rows a page, the list would end at page 12).
		const pages = emulator
			.apiRequests('client')
			.filter((r) => r.status === 200)
			.map((r) => Number(r.query.get('pageNumber')));
		expect(pages.sort((a, b) => a - b)).toEqual(
			Array.from({ length: pages.length }, (_, i) => i + 1),
		);
		expect(pages.length).toBeGreaterThanOrEqual(16);
	});
});
