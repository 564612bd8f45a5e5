/*
 * An assistant's turn played by hand through the MCP client: "Can I see a physio in Adelaide next
 * Tuesday morning?" Checks the tool list against the example, then what each tool answered and
 * what the emulator received (one booking, once, at the clinic's wall-clock time and offset).
 */
import assert from 'node:assert/strict';

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { DateTime } from 'luxon';

import type { CoreplusEmulator } from '../../emulator/server';
import { assertAllSigned } from './checks';
import type { ExampleWorkflow } from './workflows';

type Row = Record<string, unknown>;

/** What a model must fill in per tool (the `$fromAI` keys of the example), all strings, all required. */
const EXPECTED_ARGUMENTS: Record<string, string[]> = {
	list_locations: [],
	list_practitioners: [],
	list_appointment_types: [],
	find_client: ['dateOfBirth', 'firstName', 'lastName'],
	search_free_slots: ['appointmentTypeId', 'endDate', 'locationId', 'practitionerId', 'startDate'],
	book_appointment: ['appointmentTypeId', 'clientId', 'locationId', 'practitionerId', 'start'],
	find_appointments: ['dateOfBirth', 'firstName', 'lastName', 'locationId'],
	get_appointment: ['appointmentId', 'dateOfBirth', 'firstName', 'lastName'],
	reschedule_appointment: ['appointmentId', 'dateOfBirth', 'firstName', 'lastName', 'start'],
	cancel_appointment: ['appointmentId', 'dateOfBirth', 'firstName', 'lastName'],
};
const ADELAIDE = { iana: 'Australia/Adelaide' };

export interface TurnContext {
	client: Client;
	emulator: CoreplusEmulator;
	workflow: ExampleWorkflow;
	log: (text: string) => void;
}

/** What a caller says to prove who they are: first name, last name, date of birth (yyyy-mm-dd). */
export type Said = {
	firstName: unknown;
	lastName: unknown;
	dateOfBirth: string;
};

/** What the booking turn leaves for the next turn (mcpLifecycleTurn.ts): the booking and the patient. */
export interface BookedTurn {
	appointmentId: string;
	/** The patient, as they introduce themselves, and another patient (a caller trying their luck). */
	said: Said;
	otherSaid: Said;
	locationId: string;
	/** The next free morning slot after the booked one, to move the booking to. */
	nextSlot: Row;
	offset: string;
	durationMinutes: number;
}

export interface ToolResult {
	isError: boolean;
	text: string;
}

export async function call(
	client: Client,
	name: string,
	args: Record<string, unknown> = {},
): Promise<ToolResult> {
	const result = (await client.callTool({ name, arguments: args })) as {
		isError?: boolean;
		content?: Array<{ type: string; text?: string }>;
	};
	const text = (result.content ?? []).map((part) => part.text ?? '').join('');
	return { isError: result.isError === true, text };
}

/** A successful tool result: n8n sends the tool's output items as one JSON array. */
export async function rows(
	client: Client,
	name: string,
	args: Record<string, unknown> = {},
): Promise<Row[]> {
	const result = await call(client, name, args);
	assert.ok(!result.isError, `${name} failed: ${result.text}`);
	const parsed = JSON.parse(result.text) as unknown;
	assert.ok(
		Array.isArray(parsed),
		`${name} answered ${result.text.slice(0, 200)}, not a list of items`,
	);
	return parsed as Row[];
}

async function assertToolList(client: Client, workflow: ExampleWorkflow): Promise<void> {
	const { tools } = await client.listTools();
	assert.deepEqual(
		tools.map((tool) => tool.name).sort(),
		Object.keys(EXPECTED_ARGUMENTS).sort(),
		'tool names are the node names',
	);
	for (const tool of tools) {
		const node = workflow.nodes.find((candidate) => candidate.name === tool.name)!;
		assert.equal(
			tool.description,
			(node.parameters as Row).toolDescription,
			`${tool.name}: the description written for the model`,
		);
		const schema = tool.inputSchema as {
			type: string;
			properties?: Record<string, { type?: string; description?: string }>;
			required?: string[];
		};
		assert.equal(schema.type, 'object');
		const properties = Object.keys(schema.properties ?? {}).sort();
		assert.deepEqual(
			properties,
			EXPECTED_ARGUMENTS[tool.name],
			`${tool.name}: input schema properties`,
		);
		assert.deepEqual(
			[...(schema.required ?? [])].sort(),
			EXPECTED_ARGUMENTS[tool.name],
			`${tool.name}: required arguments`,
		);
		for (const key of properties) {
			assert.equal(schema.properties![key].type, 'string', `${tool.name}.${key} is a string`);
			assert.ok(
				schema.properties![key].description?.length,
				`${tool.name}.${key} is described for the model`,
			);
		}
	}
}

/** The next Tuesday after today in the clinic's zone, and the offset that day (daylight saving included). */
function nextTuesday(zone: string): { date: string; offset: string } {
	let day = DateTime.now().setZone(zone).startOf('day').plus({ days: 1 });
	while (day.weekday !== 2) day = day.plus({ days: 1 });
	return { date: day.toISODate()!, offset: day.set({ hour: 9 }).toFormat('ZZ') };
}

/** Two clients whose name and date of birth no other client shares. */
function uniquePatients(emulator: CoreplusEmulator): Row[] {
	return emulator.data.clients.filter(
		(client, _, all) =>
			all.filter(
				(other) =>
					other.firstName === client.firstName &&
					other.lastName === client.lastName &&
					other.dateOfBirth === client.dateOfBirth,
			).length === 1,
	);
}

const saidBy = (client: Row): Said => ({
	firstName: client.firstName,
	lastName: client.lastName,
	dateOfBirth: String(client.dateOfBirth).slice(0, 10),
});

function bookingsReceived(emulator: CoreplusEmulator) {
	return emulator.requests.filter(
		(request) =>
			!request.overRateLimit && request.method === 'POST' && /^appointment\/?$/i.test(request.path),
	);
}

export async function playAssistantTurn({
	client,
	emulator,
	workflow,
	log,
}: TurnContext): Promise<BookedTurn> {
	await assertToolList(client, workflow);
	log('tools listed: names, descriptions and input schemas as in the example');

	const location = (await rows(client, 'list_locations')).find((row) =>
		/adelaide/i.test(String(row.name)),
	);
	assert.ok(location, 'list_locations names an Adelaide clinic');
	assert.equal(location.ianaTimeZone, ADELAIDE.iana);
	const physio = (await rows(client, 'list_practitioners')).find(
		(row) =>
			row.discipline === 'Physiotherapist' &&
			(row.locationIds as string[]).includes(String(location.locationId)),
	);
	assert.ok(physio, 'a physiotherapist works at the Adelaide clinic');
	const standard = (await rows(client, 'list_appointment_types')).find(
		(row) => row.description === 'Standard Consultation',
	);
	assert.ok(standard, 'list_appointment_types has a Standard Consultation');
	log(
		`Adelaide clinic ${String(location.locationId)}, physio ${String(physio.firstName)} ${String(physio.lastName)}, type ${String(standard.durationMinutes)} min`,
	);

	const tuesday = nextTuesday(ADELAIDE.iana);
	const ids = {
		locationId: location.locationId,
		practitionerId: physio.practitionerId,
		appointmentTypeId: standard.appointmentTypeId,
	};
	const slots = await rows(client, 'search_free_slots', {
		...ids,
		startDate: tuesday.date,
		endDate: tuesday.date,
	});
	const morning = slots.filter(
		(slot) => DateTime.fromISO(String(slot.start), { setZone: true }).hour < 12,
	);
	assert.ok(
		morning.length,
		`free slots on ${tuesday.date} morning; got ${JSON.stringify(slots).slice(0, 300)}`,
	);
	for (const slot of slots) {
		assert.equal(slot.practitionerId, physio.practitionerId);
		assert.equal(slot.locationId, location.locationId);
		assert.match(
			String(slot.startDateTime),
			new RegExp(`^${tuesday.date}T.* ?\\${tuesday.offset}$`),
			"slot times are Adelaide wall-clock time with that day's offset",
		);
	}
	const first = morning[0];
	assert.equal(
		DateTime.fromISO(String(first.start), { setZone: true }).toFormat('HH:mm'),
		'09:00',
		'the first morning slot starts when the clinic opens',
	);
	log(
		`${slots.length} slot(s) on Tuesday ${tuesday.date}; first morning slot ${String(first.startDateTime)}`,
	);

	// The patient as they introduce themselves: a client whose name and date of birth are unique.
	const [patient, otherPatient] = uniquePatients(emulator);
	const said = saidBy(patient);
	// Client → Find: the tool takes what the patient said and returns only the matching clients.
	const matching = await rows(client, 'find_client', said);
	assert.equal(
		matching.length,
		1,
		`exactly one client ${JSON.stringify(said)}; got ${JSON.stringify(matching).slice(0, 300)}`,
	);
	assert.equal(matching[0].clientId, patient.clientId, 'the client found is the patient');
	const clientId = matching[0].clientId;

	const bookingsBefore = bookingsReceived(emulator).length;
	const wrong = await call(client, 'book_appointment', { ...ids, clientId, start: 'Tuesday 9am' });
	assert.ok(wrong.isError, `a start of "Tuesday 9am" is refused; got ${wrong.text}`);
	assert.match(wrong.text, /Start/, 'the error names the parameter');
	assert.match(wrong.text, /Tuesday 9am/, 'the error quotes what was sent');
	assert.match(
		wrong.text,
		/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/,
		'the error shows the form to send instead',
	);
	assert.equal(
		bookingsReceived(emulator).length,
		bookingsBefore,
		'nothing was sent to coreplus for the wrong call',
	);
	log(`wrong arguments explained: ${wrong.text.replace(/\s+/g, ' ').slice(0, 200)}`);

	const [booked] = await rows(client, 'book_appointment', {
		...ids,
		clientId,
		start: first.startDateTime,
	});
	assert.ok(
		booked?.appointmentId,
		`book_appointment returned an appointment: ${JSON.stringify(booked)}`,
	);
	const [readBack] = await rows(client, 'get_appointment', {
		appointmentId: booked.appointmentId,
		...said,
	});
	assert.equal(readBack.appointmentId, booked.appointmentId);
	assert.equal(
		DateTime.fromISO(String(readBack.start)).toMillis(),
		DateTime.fromISO(String(first.start)).toMillis(),
		'read back at the booked instant',
	);
	assert.equal(
		(readBack.practitioner as Row | undefined)?.firstName,
		physio.firstName,
		'read back with the practitioner profile',
	);
	log(`booked ${String(booked.appointmentId)} at ${String(readBack.startDateTime)}, read back`);

	const bookings = bookingsReceived(emulator);
	assert.equal(bookings.length, 1, 'coreplus received exactly one booking request');
	assert.ok(
		bookings[0].status >= 200 && bookings[0].status < 300,
		`the booking was accepted: ${bookings[0].status} ${bookings[0].reason ?? ''}`,
	);
	const body = bookings[0].json as Row;
	const end = DateTime.fromISO(`${tuesday.date}T09:00`)
		.plus({ minutes: Number(standard.durationMinutes) })
		.toFormat('HH:mm');
	assert.equal(
		body.startDateTime,
		`${tuesday.date} 09:00 ${tuesday.offset}`,
		'Adelaide wall-clock start with its offset',
	);
	assert.equal(
		body.endDateTime,
		`${tuesday.date} ${end} ${tuesday.offset}`,
		"end after the type's duration",
	);
	assert.deepEqual(body.practitioner, { practitionerId: physio.practitionerId });
	assert.equal(body.locationId, location.locationId);
	assert.deepEqual(body.clients, [{ clientId }]);
	assert.equal(body.appointmentTypeId, standard.appointmentTypeId);
	assert.equal(
		emulator.data.appointments.filter(
			(appointment) => appointment.appointmentId === booked.appointmentId,
		).length,
		1,
	);
	assertAllSigned(emulator.requests);
	log(
		`emulator received one booking: ${String(body.startDateTime)} to ${String(body.endDateTime)}; ${emulator.requests.length} signed request(s) verified`,
	);
	return {
		appointmentId: String(booked.appointmentId),
		said,
		otherSaid: saidBy(otherPatient),
		locationId: String(location.locationId),
		nextSlot: morning[1],
		offset: tuesday.offset,
		durationMinutes: Number(standard.durationMinutes),
	};
}
