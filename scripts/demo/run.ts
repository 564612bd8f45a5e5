/* `npm run demo`: the booking story, told by running coreplus workflows through n8n's execution engine. */
import '../../harness/setup';

import { DateTime } from 'luxon';
import type { IDataObject, INode } from 'n8n-workflow';

import { ianaZoneOfLocation } from '../../nodes/Coreplus/helpers/timezones';
import { coreplusNode } from '../../harness/helpers';
import { jsonOf, runWorkflow } from '../../harness/engine';
import { clinicTime, minutesBetween, personName } from './format';
import { demoTarget, type DemoTarget } from './target';

/** Runs one Coreplus node as its own workflow and returns its items (or stops the story). */
async function step(
	target: DemoTarget,
	name: string,
	parameters: INode['parameters'],
): Promise<IDataObject[]> {
	const result = await runWorkflow({
		nodes: [coreplusNode(parameters, { name })],
		credentials: { coreplusApi: target.credentials },
	});
	if (result.error)
		throw new Error(
			`${name}: ${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`,
		);
	return jsonOf(result.output(name));
}

async function main() {
	const target = await demoTarget();
	console.log(`Talking to ${target.description}\n`);
	try {
		// 1. Where: a location whose time zone the node can place (needed to book in local time).
		const locations = await step(target, 'List locations', {
			resource: 'location',
			operation: 'getMany',
			returnAll: true,
		});
		console.log(`1. The practice has ${locations.length} location(s):`);
		for (const location of locations)
			console.log(
				`   - ${location.name} (timezone ${location.timezoneName ?? location.timezoneId})`,
			);
		if (target.emulator) {
			const [request] = target.emulator.apiRequests('location');
			console.log(
				`   The emulator verified the request's token: GET ${request.url}, signed for that exact URL.`,
			);
		}
		const location =
			locations.find((l) => l.locationId === process.env.COREPLUS_DEMO_LOCATION_ID) ??
			locations.find((l) => ianaZoneOfLocation(l));
		if (!location)
			throw new Error('no location with a time zone the node knows; set COREPLUS_DEMO_LOCATION_ID');
		const zone = ianaZoneOfLocation(location);
		console.log(`   We book at ${location.name}; its clock runs on ${zone ?? 'its own zone'}.\n`);

		// 2. What: an appointment type with a duration, so free time comes cut into bookable slots.
		const types = await step(target, 'List appointment types', {
			resource: 'appointmentType',
			operation: 'getMany',
			returnAll: true,
		});
		const type =
			types.find((t) => Number(t.durationMinutes) > 0 && /standard/i.test(String(t.description))) ??
			types.find((t) => Number(t.durationMinutes) > 0);
		console.log(
			`2. Appointment type: ${type ? `${type.description} (${type.durationMinutes} minutes)` : 'none with a duration; slots are whole free stretches'}.\n`,
		);

		// 3. When and with whom: the first free slot tomorrow (or, if the clinic is closed, the next days).
		const practitioners = await step(target, 'List practitioners', {
			resource: 'practitioner',
			operation: 'getMany',
			returnAll: true,
		});
		const byId = new Map(practitioners.map((p) => [p.practitionerId, p]));
		const today = DateTime.now()
			.setZone(zone ?? 'UTC')
			.startOf('day');
		const search = async (fromDays: number, toDays: number) =>
			await step(target, 'Find free slots', {
				resource: 'availabilitySlot',
				operation: 'getMany',
				simplify: false,
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
		const [slot] = slots;
		if (!slot) throw new Error(`no free slot at ${location.name} in the coming week`);
		const practitioner = byId.get(slot.practitionerId);
		const freeNames = [...new Set(slots.map((s) => personName(byId.get(s.practitionerId))))];
		console.log(`   Free: ${freeNames.join(', ')}.`);
		console.log(
			`   First free: ${personName(practitioner)}, ${clinicTime(slot.start)}, ${minutesBetween(slot.start, slot.end)} minutes.\n`,
		);

		// 4. Who for: a client (the first one, or COREPLUS_DEMO_CLIENT_ID).
		const clientId = process.env.COREPLUS_DEMO_CLIENT_ID;
		const [client] = clientId
			? [{ clientId }]
			: await step(target, 'Pick a client', {
					resource: 'client',
					operation: 'getMany',
					simplify: false,
					returnAll: false,
					limit: 1,
				});
		if (!client) throw new Error('the practice has no client to book');
		console.log(`4. Booking ${personName(client)} with ${personName(practitioner)}…`);

		// 5. Book straight from the slot, as the example workflow's expressions do.
		const [appointment] = await step(target, 'Book the slot', {
			resource: 'appointment',
			operation: 'book',
			simplify: false,
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

		// 6. Read it back, with the practitioner's profile.
		const [readBack] = await step(target, 'Read the appointment back', {
			resource: 'appointment',
			operation: 'get',
			simplify: false,
			appointmentId: appointment.appointmentId as string,
			options: { getPractitionerProfiles: true },
		});
		// Names come from the directory lists, so practitioner and client are written alike (title included).
		const bookedWith =
			byId.get(String((readBack.practitioner as IDataObject | undefined)?.practitionerId)) ??
			(readBack.practitioner as IDataObject);
		console.log(
			`5. coreplus has it: ${personName(bookedWith)} sees ${personName(client)} at ${location.name}`,
		);
		console.log(
			`   on ${clinicTime(readBack.start)} until ${DateTime.fromISO(String(readBack.end), { setZone: true }).toFormat('h:mm a').toLowerCase()}, status ${readBack.status ?? 'booked'}, reference ${readBack.appointmentReferenceNumber ?? '-'}.`,
		);
	} finally {
		await target.stop();
	}
}

main().catch((error: Error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exitCode = 1;
});
