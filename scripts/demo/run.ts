/* `npm run demo`: the booking story, told by running coreplus workflows through n8n's execution engine. */
import '../../harness/setup';

import { DateTime } from 'luxon';
import type { IDataObject, INode } from 'n8n-workflow';

import { ianaZoneOfLocation } from '../../nodes/Coreplus/helpers/rules/timezones';
import { coreplusNode } from '../../harness/helpers';
import { jsonOf, runWorkflow } from '../../harness/engine';
import { describePlan, userConfirms } from './confirm';
import { clinicTime, minutesBetween, personName } from './format';
import { DEMO_USAGE, parseDemoArguments, type DemoOptions } from './options';
import { demoTarget, type DemoTarget } from './target';

const NEXT_STEP =
	'Next: import examples/book-first-free-slot.json into n8n (Workflows → Import from File), pick your coreplus credential in its three coreplus nodes and click Execute workflow (README, "Quick start").';

/** Runs one Coreplus node as its own workflow and returns its items (or stops the story). */
async function step(
	target: DemoTarget,
	name: string,
	parameters: INode['parameters'],
): Promise<IDataObject[]> {
	const result = await runWorkflow({
		// The story reads coreplus' own records (Simplify off), as the read-back step prints them.
		nodes: [coreplusNode({ simplify: false, ...parameters }, { name })],
		credentials: { coreplusApi: target.credentials },
	});
	if (result.error)
		throw new Error(
			`${name}: ${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`,
		);
	return jsonOf(result.output(name));
}

const listAll = (target: DemoTarget, name: string, resource: string) =>
	step(target, name, { resource, operation: 'getMany', returnAll: true });

/** The location to book at: the one named, else (emulator, or --any-location) the first the node can place. */
async function pickLocation(target: DemoTarget, options: DemoOptions): Promise<IDataObject> {
	const locations = await listAll(target, 'List locations', 'location');
	console.log(`1. The practice has ${locations.length} location(s):`);
	for (const location of locations)
		console.log(
			`   - ${location.name} (id ${location.locationId}, time zone ${ianaZoneOfLocation(location) ?? 'not one the node knows'})`,
		);
	if (target.emulator) {
		const [request] = target.emulator.apiRequests('location');
		console.log(
			`   The emulator verified the request's token: GET ${request.url}, signed for that exact URL.`,
		);
	}
	const named = process.env.COREPLUS_DEMO_LOCATION_ID;
	if (named) {
		const location = locations.find((l) => String(l.locationId) === named);
		if (!location)
			throw new Error(`COREPLUS_DEMO_LOCATION_ID ${named} is not one of these locations`);
		return location;
	}
	if (!target.emulator && !options.anyLocation)
		throw new Error(
			'set COREPLUS_DEMO_LOCATION_ID to the id of the location to book at (listed above), or pass --any-location',
		);
	const location = locations.find((l) => ianaZoneOfLocation(l));
	if (!location)
		throw new Error('no location with a time zone the node knows; set COREPLUS_DEMO_LOCATION_ID');
	return location;
}

/** An appointment type with a duration, so free time comes cut into bookable slots. */
async function pickType(target: DemoTarget): Promise<IDataObject | undefined> {
	const types = await listAll(target, 'List appointment types', 'appointmentType');
	const type =
		types.find((t) => Number(t.durationMinutes) > 0 && /standard/i.test(String(t.description))) ??
		types.find((t) => Number(t.durationMinutes) > 0);
	console.log(
		`2. Appointment type: ${type ? `${type.description} (${type.durationMinutes} minutes)` : 'none with a duration; slots are whole free stretches'}.\n`,
	);
	return type;
}

/** The first free slot tomorrow (or, if the clinic is closed, later that week). */
async function firstFreeSlot(target: DemoTarget, location: IDataObject, type?: IDataObject) {
	const today = DateTime.now()
		.setZone(ianaZoneOfLocation(location) ?? 'UTC')
		.startOf('day');
	const search = async (fromDays: number, toDays: number) =>
		await step(target, 'Find free slots', {
			resource: 'availabilitySlot',
			operation: 'getMany',
			startDate: today.plus({ days: fromDays }).toISODate(),
			endDate: today.plus({ days: toDays }).toISODate(),
			timeZoneSource: 'location',
			timeZoneLocationId: String(location.locationId),
			appointmentTypeId: type ? String(type.appointmentTypeId) : '',
			filters: { locationIds: [String(location.locationId)] },
			returnAll: false,
			limit: 50,
		});
	let slots = await search(1, 1);
	console.log(
		`3. Tomorrow (${today.plus({ days: 1 }).toFormat('cccc d LLLL')}) ${location.name} has ${slots.length} free slot(s).`,
	);
	if (!slots.length) {
		slots = await search(2, 7);
		console.log(
			`   Nothing tomorrow, so we looked at the rest of the week: ${slots.length} free slot(s).`,
		);
	}
	if (!slots.length) throw new Error(`no free slot at ${location.name} in the coming week`);
	return slots;
}

/** The patient: the one named, else (emulator, or --any-client) the practice's first client. */
async function pickClient(target: DemoTarget, options: DemoOptions): Promise<IDataObject> {
	const named = process.env.COREPLUS_DEMO_CLIENT_ID;
	if (named) {
		const clients = await listAll(target, 'Find the client', 'client');
		const client = clients.find((c) => String(c.clientId) === named);
		if (!client)
			throw new Error(`COREPLUS_DEMO_CLIENT_ID ${named} is not a client of this practice`);
		return client;
	}
	if (!target.emulator && !options.anyClient)
		throw new Error(
			'set COREPLUS_DEMO_CLIENT_ID to the id of a test patient to book, or pass --any-client',
		);
	const [client] = await step(target, 'Pick a client', {
		resource: 'client',
		operation: 'getMany',
		returnAll: false,
		limit: 1,
	});
	if (!client) throw new Error('the practice has no client to book');
	return client;
}

const patientName = (client: IDataObject) => `${personName(client)} (client ${client.clientId})`;

/** Against a real server: the plan in plain words, then book only on "book" or --book. */
async function mayBook(
	target: DemoTarget,
	options: DemoOptions,
	plan: Parameters<typeof describePlan>[0],
) {
	if (target.emulator) return true;
	console.log(describePlan(plan));
	if (options.book) return true;
	return await userConfirms('Type "book" to make this booking, anything else to stop: ');
}

async function book(target: DemoTarget, slot: IDataObject, client: IDataObject) {
	const [appointment] = await step(target, 'Book the slot', {
		resource: 'appointment',
		operation: 'book',
		practitionerId: slot.practitionerId as string,
		locationId: slot.locationId as string,
		clientId: { __rl: true, mode: 'id', value: client.clientId as string },
		start: slot.start as string,
		end: slot.end as string,
		appointmentTypeId: (slot.appointmentTypeId as string) ?? '',
		additionalFields: { subject: 'Booked by the n8n coreplus demo' },
	});
	if (target.emulator) {
		const [post] = target.emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
		const body = post.json as IDataObject;
		console.log(
			`   coreplus received startDateTime "${body.startDateTime}" and endDateTime "${body.endDateTime}": the clinic's local time with its offset.`,
		);
	}
	console.log(`   Booked: appointment ${appointment.appointmentId}.\n`);
	return appointment;
}

/** Reads the booking back, with the practitioner's profile, and says what coreplus holds. */
async function readBack(
	target: DemoTarget,
	appointment: IDataObject,
	people: { client: IDataObject; byId: Map<unknown, IDataObject>; location: IDataObject },
) {
	const [stored] = await step(target, 'Read the appointment back', {
		resource: 'appointment',
		operation: 'get',
		appointmentId: appointment.appointmentId as string,
		options: { getPractitionerProfiles: true },
	});
	// Names come from the directory lists, so practitioner and client are written alike (title included).
	const practitioner = stored.practitioner as IDataObject | undefined;
	const bookedWith = people.byId.get(String(practitioner?.practitionerId)) ?? practitioner;
	console.log(
		`5. coreplus has it: ${personName(bookedWith)} sees ${patientName(people.client)} at ${people.location.name}`,
	);
	console.log(
		`   on ${clinicTime(stored.start)} until ${DateTime.fromISO(String(stored.end), { setZone: true }).toFormat('h:mm a').toLowerCase()}, status ${stored.status ?? 'booked'}, reference ${stored.appointmentReferenceNumber ?? '-'}.\n`,
	);
}

async function story(target: DemoTarget, options: DemoOptions) {
	const location = await pickLocation(target, options);
	console.log(
		`   We book at ${location.name}; its clock runs on ${ianaZoneOfLocation(location)}.\n`,
	);
	const type = await pickType(target);
	const practitioners = await listAll(target, 'List practitioners', 'practitioner');
	const byId = new Map(practitioners.map((p) => [p.practitionerId, p]));
	const slots = await firstFreeSlot(target, location, type);
	const [slot] = slots;
	const practitioner = byId.get(slot.practitionerId);
	const freeNames = [...new Set(slots.map((s) => personName(byId.get(s.practitionerId))))];
	console.log(`   Free: ${freeNames.join(', ')}.`);
	const when = `${clinicTime(slot.start)}, ${minutesBetween(slot.start, slot.end)} minutes`;
	console.log(`   First free: ${personName(practitioner)}, ${when}.\n`);
	const client = await pickClient(target, options);
	console.log(`4. Patient: ${patientName(client)}. Practitioner: ${personName(practitioner)}.`);
	const plan = {
		server: target.description,
		patient: patientName(client),
		practitioner: personName(practitioner),
		location: `${location.name} (location ${location.locationId})`,
		when,
	};
	if (!(await mayBook(target, options, plan))) {
		console.log(
			'\nNothing was booked. Type "book" at the question, or run `npm run demo -- --book`, to make it.',
		);
		return;
	}
	const appointment = await book(target, slot, client);
	await readBack(target, appointment, { client, byId, location });
}

async function main() {
	const options = parseDemoArguments(process.argv.slice(2));
	if (options.help) return console.log(DEMO_USAGE);
	const target = await demoTarget();
	console.log(`Talking to ${target.description}\n`);
	try {
		await story(target, options);
		console.log(NEXT_STEP);
	} finally {
		await target.stop();
	}
}

main().catch((error: Error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exitCode = 1;
});
