import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TIMEZONES } from '../../emulator/timezones';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { itemWith, PDF } from '../support/messageFixtures';

/**
 * Every operation, fed bad input, must refuse it before anything is sent, with a message that
 * names the parameter (as the editor labels it) and the item. Each row runs with two input items
 * under Continue On Fail: both must come out as errors naming their own item, and the emulator
 * must have received nothing at all.
 */
const env = useEmulator();

const ID = '00004001-0004-4001-8007-9e3779b10004';
const SYDNEY = TIMEZONES.sydney.timezoneId;
const longText = (length: number) => 'x'.repeat(length);
// n8n refuses a literal empty required parameter itself; an expression finding nothing reaches the node.
const NOTHING = '={{ $json.missing }}';
const AN_OBJECT = '={{ { first: "Bob" } }}';

const op =
	(resource: string, operation: string, base: INodeParameters = {}) =>
	(extra: INodeParameters = {}): INodeParameters => ({
		resource,
		operation,
		...base,
		...extra,
	});
const locations = op('location', 'getMany', { returnAll: true });
const clients = op('client', 'getMany', { returnAll: true });
const practitioners = op('practitioner', 'getMany', { returnAll: true });
const appointmentTypes = op('appointmentType', 'getMany', { returnAll: true });
const createClient = op('client', 'create', {
	firstName: 'Bob',
	lastName: 'Smith',
	dateOfBirth: '1996-04-29',
});
const findClient = op('client', 'find', {
	firstName: 'Bob',
	lastName: 'Smith',
	dateOfBirth: '1996-04-29',
});
const findOrCreateClient = op('client', 'findOrCreate', {
	firstName: 'Bob',
	lastName: 'Smith',
	dateOfBirth: '1996-04-29',
});
const addFamily = op('client', 'addFamilyMember', {
	clientId: { __rl: true, mode: 'id', value: ID },
	firstName: 'Aki',
	surname: 'Smith',
});
const getClient = op('client', 'get', { clientId: { __rl: true, mode: 'id', value: ID } });
const createType = op('appointmentType', 'create', {
	description: 'Hydrotherapy',
	durationMinutes: 30,
});
const slots = op('availabilitySlot', 'getMany', {
	startDate: '2026-05-11',
	endDate: '2026-05-12',
	timeZoneSource: 'timezoneId',
	timezoneId: SYDNEY,
});
const appointments = op('appointment', 'getMany', {
	startDate: '2026-05-11',
	endDate: '2026-05-12',
	timeZoneSource: 'timezoneId',
	timezoneId: SYDNEY,
});
const getAppointment = op('appointment', 'get', { appointmentId: ID });
const book = op('appointment', 'book', {
	practitionerId: ID,
	locationId: ID,
	clientId: { __rl: true, mode: 'id', value: ID },
	start: '2026-05-11T10:00',
	end: '2026-05-11T11:00',
	additionalFields: { timeZone: 'Australia/Sydney' },
});
const cancelAppointment = op('appointment', 'cancel', { appointmentId: ID });
const reschedule = op('appointment', 'reschedule', {
	appointmentId: ID,
	start: '2026-05-11T10:00',
});
const sendMessage = op('message', 'send', { sendingFacility: 'Referral inbox (n8n)' });

interface Row {
	/** Parameters of the coreplus node. */
	parameters: INodeParameters;
	/** The label the error must name. */
	label: string;
	/** Credential fields to override (a bad credential fails the same way for every operation). */
	credential?: Record<string, unknown>;
	/** Input items (default: two empty items; a message needs files). */
	input?: INodeExecutionData[];
}

const withFile = () => [itemWith({ data: PDF }), itemWith({ data: PDF })];

const table: Record<string, Row> = {
	// The credential: checked before any request, whichever operation runs.
	'API URL over plain http to a remote host': {
		parameters: locations(),
		label: 'API URL',
		credential: { apiUrl: 'http://clinic.coreplus.com.au' },
	},
	'API URL that is not a URL': {
		parameters: clients(),
		label: 'API URL',
		credential: { apiUrl: 'clinic dot coreplus' },
	},
	'API URL with another scheme': {
		parameters: createClient(),
		label: 'API URL',
		credential: { apiUrl: 'ftp://clinic.coreplus.com.au' },
	},
	'API version with path characters': {
		parameters: locations(),
		label: 'API version',
		credential: { apiVersion: 'v2/../admin' },
	},
	'empty Consumer Secret': {
		parameters: locations(),
		label: 'Consumer Secret',
		credential: { consumerSecret: '' },
	},
	'empty Access Token': {
		parameters: createClient(),
		label: 'Access Token',
		credential: { accessToken: '' },
	},
	'empty Consumer ID': {
		parameters: practitioners(),
		label: 'Consumer ID',
		credential: { consumerId: '' },
	},

	// Request Options, shared by every operation (an expression can bypass the editor's bounds).
	'Max Retries above 10': {
		parameters: locations({ requestOptions: { maxRetries: 99 } }),
		label: 'Max Retries',
	},
	'Max Retries as text': {
		parameters: clients({ requestOptions: { maxRetries: '={{ "three" }}' } }),
		label: 'Max Retries',
	},
	'Max Retries with a fraction': {
		parameters: appointmentTypes({ requestOptions: { maxRetries: 1.5 } }),
		label: 'Max Retries',
	},
	'negative first retry wait': {
		parameters: practitioners({ requestOptions: { retryDelayMs: -1 } }),
		label: 'First Retry Wait (Ms)',
	},
	'zero timeout': {
		parameters: createClient({ requestOptions: { timeoutMs: 0 } }),
		label: 'Timeout (Ms)',
	},

	// Return All / Limit: read as a person means them, or refused.
	'limit 0': { parameters: locations({ returnAll: false, limit: 0 }), label: 'Limit' },
	'negative limit': { parameters: clients({ returnAll: false, limit: -5 }), label: 'Limit' },
	'limit that is a word': {
		parameters: practitioners({ returnAll: false, limit: '={{ "lots" }}' }),
		label: 'Limit',
	},
	'limit that is null': {
		parameters: appointmentTypes({ returnAll: false, limit: '={{ null }}' }),
		label: 'Limit',
	},
	'limit that is an object': {
		parameters: slots({ returnAll: false, limit: AN_OBJECT }),
		label: 'Limit',
	},
	'limit with a fraction': {
		parameters: appointments({ returnAll: false, limit: 2.5 }),
		label: 'Limit',
	},
	'Return All as "maybe"': {
		parameters: locations({ returnAll: '={{ "maybe" }}' }),
		label: 'Return All',
	},

	// Client → Create
	'client without a first name': {
		parameters: createClient({ firstName: NOTHING }),
		label: 'First Name',
	},
	'client first name over 50 characters': {
		parameters: createClient({ firstName: longText(51) }),
		label: 'First Name',
	},
	'client first name that is an object': {
		parameters: createClient({ firstName: AN_OBJECT }),
		label: 'First Name',
	},
	'client last name that is a list': {
		parameters: createClient({ lastName: '={{ ["Smith", "Jones"] }}' }),
		label: 'Last Name',
	},
	'client date of birth 30 February': {
		parameters: createClient({ dateOfBirth: '2023-02-30' }),
		label: 'Date of Birth',
	},
	'client date of birth in day/month/year': {
		parameters: createClient({ dateOfBirth: '29/04/1996' }),
		label: 'Date of Birth',
	},
	'client title not in the list': {
		parameters: createClient({ additionalFields: { title: 'Captain' } }),
		label: 'Title',
	},
	'client gender not in the list': {
		parameters: createClient({ additionalFields: { gender: 'Robot' } }),
		label: 'Gender',
	},
	'client status not in the list': {
		parameters: createClient({ additionalFields: { status: 'Asleep' } }),
		label: 'Status',
	},
	'client overview notes over 300 characters': {
		parameters: createClient({ additionalFields: { notes1: longText(301) } }),
		label: 'Patient Overview Notes',
	},
	'client Medicare IRN of two digits': {
		parameters: createClient({ additionalFields: { medicareCardIrn: '12' } }),
		label: 'Medicare Card IRN',
	},
	'client Medicare expiry that is not a date': {
		parameters: createClient({ additionalFields: { medicareCardExpireDate: 'soon' } }),
		label: 'Medicare Card Expiry Date',
	},
	'client street address that is an object': {
		parameters: createClient({ addresses: { residential: { streetAddress: AN_OBJECT } } }),
		label: 'Residential Address → Street Address',
	},

	// Client → Find / Find or Create
	'get a client without an id': {
		parameters: getClient({ clientId: { __rl: true, mode: 'id', value: NOTHING } }),
		label: 'Client',
	},
	'get a client whose id holds a path': {
		parameters: getClient({
			clientId: { __rl: true, mode: 'id', value: '={{ "../Appointment" }}' },
		}),
		label: 'Client',
	},
	'get a client with Simplify not a boolean': {
		parameters: getClient({ simplify: 'maybe' }),
		label: 'Simplify',
	},
	'find without a last name': { parameters: findClient({ lastName: NOTHING }), label: 'Last Name' },
	'find born on 31 April': {
		parameters: findClient({ dateOfBirth: '2001-04-31' }),
		label: 'Date of Birth',
	},
	'find matching on an email that is an object': {
		parameters: findClient({ matchOptions: { email: AN_OBJECT } }),
		label: 'Also Match On → Email',
	},
	'find with Simplify as a word': {
		parameters: findClient({ simplify: 'maybe' }),
		label: 'Simplify',
	},
	'find or create without a first name': {
		parameters: findOrCreateClient({ firstName: NOTHING }),
		label: 'First Name',
	},
	'find or create with a title not in the list': {
		parameters: findOrCreateClient({ additionalFields: { title: 'Captain' } }),
		label: 'Title',
	},

	// Client → Add Family Member
	'family member for a client id with a space': {
		parameters: addFamily({ clientId: { __rl: true, mode: 'id', value: '={{ "abc def" }}' } }),
		label: 'Client',
	},
	'family member for a client id with a slash': {
		parameters: addFamily({
			clientId: { __rl: true, mode: 'id', value: '={{ "../Appointment" }}' },
		}),
		label: 'Client',
	},
	'family member without a surname': {
		parameters: addFamily({ surname: NOTHING }),
		label: 'Surname',
	},
	'family member title not in the list': {
		parameters: addFamily({ additionalFields: { title: 'Lord' } }),
		label: 'Title',
	},
	'family member notes over 300 characters': {
		parameters: addFamily({ additionalFields: { notes: longText(301) } }),
		label: 'Notes',
	},
	'family member born in month 13': {
		parameters: addFamily({ additionalFields: { dateOfBirth: '2020-13-01' } }),
		label: 'Date of Birth',
	},

	// Appointment Type → Create
	'appointment type of 0 minutes': {
		parameters: createType({ durationMinutes: 0 }),
		label: 'Duration (Minutes)',
	},
	'appointment type over 120 minutes': {
		parameters: createType({ durationMinutes: 121 }),
		label: 'Duration (Minutes)',
	},
	'appointment type colour that is a word': {
		parameters: createType({ blockColour: 'red' }),
		label: 'Block Colour',
	},
	'appointment type without a description': {
		parameters: createType({ description: NOTHING }),
		label: 'Description',
	},
	'appointment type for a practitioner id with a slash': {
		parameters: createType({ additionalFields: { practitionerId: 'a/b' } }),
		label: 'Practitioner',
	},

	// Availability Slot → Get Many
	'slots ending before they start': {
		parameters: slots({ startDate: '2026-05-11', endDate: '2026-05-10' }),
		label: 'End Date',
	},
	'slots over more than 31 days': {
		parameters: slots({ startDate: '2026-05-01', endDate: '2026-06-01' }),
		label: 'End Date',
	},
	'slots from an impossible date': {
		parameters: slots({ startDate: '2026-02-30' }),
		label: 'Start Date',
	},
	'slots with an IANA name as timezone id': {
		parameters: slots({ timezoneId: 'Australia/Sydney' }),
		label: 'Timezone ID',
	},
	'slots with an unknown time zone source': {
		parameters: slots({ timeZoneSource: 'moon' }),
		label: 'Time Zone',
	},
	'slots for a practitioner id with a slash': {
		parameters: slots({ filters: { practitionerIds: ['a/b'] } }),
		label: 'Practitioners',
	},
	'slots for 500 practitioners (a URL too long for any server)': {
		parameters: slots({
			filters: {
				practitionerIds: Array.from(
					{ length: 500 },
					(_, index) => `00002001-0002-4001-8007-${String(index).padStart(12, '0')}`,
				),
			},
		}),
		label: 'Practitioners',
	},
	'slots for an appointment type id with a space': {
		parameters: slots({ appointmentTypeId: 'x y' }),
		label: 'Appointment Type',
	},

	// Appointment → Get Many / Get
	'appointments ending before they start': {
		parameters: appointments({ startDate: '2026-05-11', endDate: '2026-05-01' }),
		label: 'End Date',
	},
	'appointments without a start date': {
		parameters: appointments({ startDate: NOTHING }),
		label: 'Start Date',
	},
	'appointment id with path characters': {
		parameters: getAppointment({ appointmentId: '../client' }),
		label: 'Appointment ID',
	},
	'appointment id with a space': {
		parameters: getAppointment({ appointmentId: 'abc def' }),
		label: 'Appointment ID',
	},
	'appointment with practitioner profile "yes"': {
		parameters: getAppointment({ options: { getPractitionerProfiles: '={{ "yes" }}' } }),
		label: 'Include Practitioner Profile',
	},
	'appointments with practitioner profiles as a number': {
		parameters: appointments({ getPractitionerProfiles: '={{ 1 }}' }),
		label: 'Include Practitioner Profiles',
	},
	'appointment id that is an object': {
		parameters: getAppointment({ appointmentId: AN_OBJECT }),
		label: 'Appointment ID',
	},

	// Appointment → Cancel
	'cancel with an appointment id holding a slash': {
		parameters: cancelAppointment({ appointmentId: '../client' }),
		label: 'Appointment ID',
	},
	'cancel with no appointment id': {
		parameters: cancelAppointment({ appointmentId: NOTHING }),
		label: 'Appointment ID',
	},
	'cancel in a form that does not exist': {
		parameters: cancelAppointment({ options: { cancelForm: '={{ "DELETE" }}' } }),
		label: 'Cancel Request Form',
	},

	'cancel only for a client id with a slash': {
		parameters: cancelAppointment({ options: { onlyForClientId: 'a/b' } }),
		label: 'Only For Client ID',
	},
	'cancel only for a client id that resolves to nothing': {
		parameters: cancelAppointment({ options: { onlyForClientId: NOTHING } }),
		label: 'Only For Client ID',
	},
	'cancel only for a patient whose last name resolves to nothing': {
		parameters: cancelAppointment({
			options: {
				onlyForPatient: {
					patient: { firstName: 'Bob', lastName: NOTHING, dateOfBirth: '1996-04-29' },
				},
			},
		}),
		label: 'Only For Patient → Last Name',
	},
	'cancel allowing the past with a value that is not true or false': {
		parameters: cancelAppointment({ options: { allowChangesToPast: 'maybe' } }),
		label: 'Allow Changes to the Past',
	},
	'get only for a patient with a date of birth that is not a date': {
		parameters: getAppointment({
			options: {
				onlyForPatient: {
					patient: { firstName: 'Bob', lastName: 'Smith', dateOfBirth: 'yesterday' },
				},
			},
		}),
		label: 'Only For Patient → Date of Birth',
	},
	'appointments of a client id with a slash': {
		parameters: appointments({ filters: { clientId: 'a/b' } }),
		label: 'Client ID',
	},
	'appointments of practitioners given as an object': {
		parameters: appointments({ filters: { practitionerIds: AN_OBJECT } }),
		label: 'Practitioners',
	},
	'appointments only for a patient added without one': {
		parameters: appointments({ filters: { onlyForPatient: {} } }),
		label: 'Only For Patient',
	},

	// Appointment → Reschedule
	'reschedule only for a patient whose first name is blank': {
		parameters: reschedule({
			additionalFields: {
				onlyForPatient: {
					patient: { firstName: '  ', lastName: 'Smith', dateOfBirth: '1996-04-29' },
				},
			},
		}),
		label: 'Only For Patient → First Name',
	},
	'reschedule with no start': {
		parameters: reschedule({ start: NOTHING }),
		label: 'Start',
	},
	'reschedule ending before it starts': {
		parameters: reschedule({ end: '2026-05-11T09:00' }),
		label: 'End',
	},
	'reschedule to a start that is not a date': {
		parameters: reschedule({ start: 'next Tuesday' }),
		label: 'Start',
	},
	'reschedule with an appointment id that is an object': {
		parameters: reschedule({ appointmentId: AN_OBJECT }),
		label: 'Appointment ID',
	},
	'reschedule to a practitioner id with a space': {
		parameters: reschedule({ practitionerId: 'dr who' }),
		label: 'Practitioner',
	},
	'reschedule with notes over 300 characters': {
		parameters: reschedule({ additionalFields: { notes: longText(301) } }),
		label: 'Notes',
	},
	'reschedule with a time zone that does not exist': {
		parameters: reschedule({ additionalFields: { timeZone: 'Mars/Olympus' } }),
		label: 'Location Time Zone',
	},

	// Appointment → Book
	'booking ending before it starts': {
		parameters: book({ end: '2026-05-11T09:00' }),
		label: 'End',
	},
	'booking starting "next Tuesday"': {
		parameters: book({ start: 'next Tuesday' }),
		label: 'Start',
	},
	'booking subject over 300 characters': {
		parameters: book({ additionalFields: { subject: longText(301) } }),
		label: 'Subject',
	},
	'booking for a client id with a slash': {
		parameters: book({ clientId: { __rl: true, mode: 'id', value: '={{ "a/b" }}' } }),
		label: 'Client',
	},
	'booking in an unknown time zone': {
		parameters: book({ additionalFields: { timeZone: 'Mars/Olympus' } }),
		label: 'Location Time Zone',
	},

	// Message → Send
	'message naming a binary property the item lacks': {
		parameters: sendMessage({ binaryProperties: 'data, scan' }),
		label: 'Binary Properties',
		input: withFile(),
	},
	'message from an item without files': {
		parameters: sendMessage({ allBinaryProperties: true }),
		label: 'All Binary Properties',
	},
	'message with a file name from the binary data holding a line break': {
		parameters: sendMessage(),
		label: 'File Names',
		input: [
			itemWith({ data: { ...PDF, fileName: 'letter.pdf\r\nX-Injected: 1' } }),
			itemWith({ data: { ...PDF, fileName: 'letter.pdf\nX' } }),
		],
	},
	'message with a file name from the binary data holding a path': {
		parameters: sendMessage(),
		label: 'File Names',
		input: [
			itemWith({ data: { ...PDF, fileName: '../../etc/passwd' } }),
			itemWith({ data: { ...PDF, fileName: 'C:\\letters\\a.pdf' } }),
		],
	},
	'message with an empty file name from the binary data': {
		parameters: sendMessage(),
		label: 'File Names',
		input: [
			itemWith({ data: { ...PDF, fileName: '' } }),
			itemWith({ data: { ...PDF, fileName: '  ' } }),
		],
	},
	'message without a sending facility': {
		parameters: sendMessage({ sendingFacility: NOTHING }),
		label: 'Sending Facility',
		input: withFile(),
	},
	'message with an unknown client match': {
		parameters: sendMessage({ clientMatch: 'telepathy' }),
		label: 'Match Client',
		input: withFile(),
	},
	'message with an unknown practitioner match': {
		parameters: sendMessage({ practitionerToMatch: 'guess' }),
		label: 'Match Practitioner To',
		input: withFile(),
	},
};

const rows = Object.entries(table);

test('the table covers every operation the node offers', async () => {
	const { resources } = await import('../../nodes/Coreplus/actions/resources');
	const covered = new Set(
		rows.map(([, row]) => `${row.parameters.resource}.${row.parameters.operation}`),
	);
	const offered = resources.flatMap((resource) =>
		resource.operations.map((operation) => `${resource.value}.${operation.value}`),
	);
	expect(offered.filter((name) => !covered.has(name))).toEqual([]);
	expect(rows.length).toBeGreaterThanOrEqual(40);
});

test.each(rows)(
	'%s is refused before any request, naming the parameter and the item',
	async (_name, row) => {
		const { emulator } = env;
		const result = await runCoreplus(emulator, row.parameters, {
			input: row.input ?? [{ json: {} }, { json: {} }],
			credentialOverrides: row.credential,
			nodeExtra: { onError: 'continueRegularOutput' },
		});
		expect(result.error).toBeUndefined();
		const items = result.output('coreplus');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		items.forEach((item, index) => {
			const message = String(item.json.error);
			if (row.credential) {
				// A credential problem is the same for every item; the error item is paired to its item.
				expect(message).toContain(row.label);
			} else {
				expect(message).toContain(`Invalid "${row.label}" in item ${index}:`);
			}
		});
		expect(emulator.requests).toHaveLength(0);
	},
);
