import type { INodeParameters } from 'n8n-workflow';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator();

const CLIENT_ID = '00004001-0004-4001-8007-9e3779b10004';
const client = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'client',
	operation: 'create',
	firstName: 'Bob',
	lastName: 'Smith',
	dateOfBirth: '1996-04-29',
	...extra,
});
const family = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'client',
	operation: 'addFamilyMember',
	clientId: { __rl: true, mode: 'id', value: CLIENT_ID },
	firstName: 'Aki',
	surname: 'Smith',
	...extra,
});
const type = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'appointmentType',
	operation: 'create',
	description: 'Hydrotherapy',
	...extra,
});

// [case, parameters, the label the error must name, a fragment of what is allowed]
// Empty required values come from expressions: n8n itself refuses a literal empty required
// parameter before the node runs, so only expressions reach the node's own checks.
const cases: Array<[string, INodeParameters, string, RegExp]> = [
	['missing first name', client({ firstName: '={{ $json.missing }}' }), 'First Name', /required/],
	[
		'first name over 50 characters',
		client({ firstName: 'x'.repeat(51) }),
		'First Name',
		/at most 50/,
	],
	['last name over 50 characters', client({ lastName: 'y'.repeat(51) }), 'Last Name', /at most 50/],
	[
		'date of birth that does not parse',
		client({ dateOfBirth: '29/04/1996' }),
		'Date of Birth',
		/ISO 8601/,
	],
	[
		'missing date of birth',
		client({ dateOfBirth: '={{ $json.missing }}' }),
		'Date of Birth',
		/date/,
	],
	['unknown title', client({ additionalFields: { title: 'Sir' } }), 'Title', /Acs Prof, Dr/],
	[
		'unknown gender',
		client({ additionalFields: { gender: 'F' } }),
		'Gender',
		/Male, Female, Other/,
	],
	['unknown pronouns', client({ additionalFields: { pronouns: 'him' } }), 'Pronouns', /they/],
	[
		'unknown status',
		client({ additionalFields: { status: 'Active' } }),
		'Status',
		/Current, Closed, Deleted, Deceased/,
	],
	[
		'medicare IRN of two digits',
		client({ additionalFields: { medicareCardIrn: '12' } }),
		'Medicare Card IRN',
		/at most 1/,
	],
	[
		'notes over 300 characters',
		client({ additionalFields: { notes1: 'n'.repeat(301) } }),
		'Patient Overview Notes',
		/at most 300/,
	],
	[
		'email over 50 characters',
		client({ additionalFields: { email: `${'e'.repeat(45)}@example.com` } }),
		'Email',
		/at most 50/,
	],
	[
		'culture over 20 characters',
		client({ additionalFields: { culture: 'c'.repeat(21) } }),
		'Culture',
		/at most 20/,
	],
	[
		'address given as an object by expression',
		client({ addresses: { residential: { city: '={{ { a: 1 } }}' } } }),
		'Residential Address → City',
		/plain text/,
	],
	[
		'family: client id with a slash',
		family({ clientId: { __rl: true, mode: 'id', value: '={{ "../Appointment" }}' } }),
		'Client',
		/letters, digits and dashes/,
	],
	[
		'family: client not picked',
		family({ clientId: { __rl: true, mode: 'list', value: '={{ $json.missing }}' } }),
		'Client',
		/required/,
	],
	['family: missing surname', family({ surname: '={{ "  " }}' }), 'Surname', /required/],
	[
		'family: unknown title',
		family({ additionalFields: { title: 'Acs Prof' } }),
		'Title',
		/Mx, Sir/,
	],
	[
		'family: notes over 300 characters',
		family({ additionalFields: { notes: 'n'.repeat(301) } }),
		'Notes',
		/at most 300/,
	],
	[
		'family: flag that is not true/false',
		family({ additionalFields: { emergencyContact: '={{ "yes" }}' } }),
		'Emergency Contact',
		/true or false/,
	],
	[
		'type: missing description',
		type({ description: '={{ $json.missing }}' }),
		'Description',
		/required/,
	],
	['type: duration over 120', type({ durationMinutes: 121 }), 'Duration (Minutes)', /1 to 120/],
	['type: duration of zero', type({ durationMinutes: 0 }), 'Duration (Minutes)', /1 to 120/],
	[
		'type: fractional duration',
		type({ durationMinutes: 30.5 }),
		'Duration (Minutes)',
		/whole number/,
	],
	['type: colour that is not hex', type({ blockColour: 'red' }), 'Block Colour', /six hex digits/],
	['type: colour with 3 digits', type({ blockColour: '#F00' }), 'Block Colour', /six hex digits/],
	[
		'type: practitioner id with spaces',
		type({ additionalFields: { practitionerId: 'Dr Who' } }),
		'Practitioner',
		/letters, digits and dashes/,
	],
];

test.each(cases)('%s is refused before any request', async (_case, parameters, label, allowed) => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, parameters);
	expect(result.error?.message).toContain(`"${label}"`);
	expect(result.error?.message).toContain('item 0');
	expect(`${result.error?.message} ${result.error?.description}`).toMatch(allowed);
	expect(emulator.requests).toHaveLength(0);
});

test('with Continue On Fail a bad item becomes an error item and the others are still created', async () => {
	const { emulator } = env;
	const result = await runCoreplus(
		emulator,
		{ ...type(), description: '={{ $json.name }}', durationMinutes: '={{ $json.minutes }}' },
		{
			input: [
				{ json: { name: 'A', minutes: 30 } },
				{ json: { name: 'B', minutes: 500 } },
				{ json: { name: 'C', minutes: 60 } },
			],
			nodeExtra: { continueOnFail: true },
		},
	);
	expect(result.error).toBeUndefined();
	const items = result.output('coreplus');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	const [a, b, c] = jsonOf(items);
	expect(a.description).toBe('A');
	expect(String(b.error)).toContain('"Duration (Minutes)" in item 1');
	expect(c.description).toBe('C');
	expect(
		emulator
			.apiRequests('appointmenttype')
			.map((r) => (r.json as { description: string }).description),
	).toEqual(['A', 'C']);
});
