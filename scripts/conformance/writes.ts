import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';

import { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { timezoneIdOfLocation } from '../../nodes/Coreplus/helpers/rules/timezones';
import type { CheckRow } from './checks';
import { rescheduleCancelAndReadBack } from './lifecycle';
import { row, step } from './nodeStep';

const BOOK = 'POST Appointment/ book (--book; documented: Make a booking)';

interface PlaceToBook {
	slots: IDataObject[];
	clientId: string;
}

/** Where `--book` books: the first free slots of the next 7 days at a location, and a client; or why not. */
async function findPlaceToBook(
	credentials: ICredentialDataDecryptedObject,
): Promise<PlaceToBook | string> {
	const { items: locations } = await step(credentials, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
	});
	const location =
		locations.find((l) => l.locationId === process.env.COREPLUS_DEMO_LOCATION_ID) ??
		locations.find((l) => timezoneIdOfLocation(l));
	if (!location) return 'no location with a timezoneId to book at';
	const today = DateTime.utc().startOf('day');
	// From the day after tomorrow (UTC): in every zone that day has not started yet, so the booking
	// is in the future and Reschedule and Cancel may change it (they leave the past alone).
	// Several slots: a later one is where the booking is rescheduled to.
	const { items: slots } = await step(credentials, {
		resource: 'availabilitySlot',
		operation: 'getMany',
		startDate: today.plus({ days: 2 }).toISODate(),
		endDate: today.plus({ days: 8 }).toISODate(),
		timeZoneSource: 'location',
		timeZoneLocationId: String(location.locationId),
		filters: { locationIds: [String(location.locationId)] },
		returnAll: false,
		limit: 10,
	});
	if (!slots.length) return `no free slot at ${String(location.name)} in the next 7 days`;
	const clientId =
		process.env.COREPLUS_DEMO_CLIENT_ID ??
		(
			await step(credentials, {
				resource: 'client',
				operation: 'getMany',
				returnAll: false,
				limit: 1,
			})
		).items[0]?.clientId;
	if (!clientId) return 'the practice has no client to book';
	return { slots, clientId: String(clientId) };
}

/** Books the first slot and reads the booking back by id. */
async function bookOne(
	credentials: ICredentialDataDecryptedObject,
	place: PlaceToBook,
): Promise<{ rows: CheckRow[]; appointment: IDataObject }> {
	const [slot] = place.slots;
	const booked = await step(credentials, {
		resource: 'appointment',
		operation: 'book',
		practitionerId: slot.practitionerId as string,
		locationId: slot.locationId as string,
		clientId: { __rl: true, mode: 'id', value: place.clientId },
		start: slot.start as string,
		end: slot.end as string,
		additionalFields: { subject: 'n8n coreplus conformance check (safe to cancel)' },
	});
	const appointment = booked.items[0] as IDataObject;
	const rows = [
		row(BOOK, {
			node: `booked appointment ${String(appointment.appointmentId)} at ${String(appointment.start)}`,
			hints: booked.hints,
			fails: !appointment.appointmentId,
		}),
	];
	const readBack = await step(credentials, {
		resource: 'appointment',
		operation: 'get',
		appointmentId: String(appointment.appointmentId),
	});
	const same =
		readBack.items[0]?.appointmentId === appointment.appointmentId &&
		readBack.items[0]?.start === appointment.start;
	rows.push(
		row('GET Appointment/{id}/ read back (documented: Get appointment record)', {
			node: same
				? 'reads the booking back: same id and start'
				: `read back a different record: ${JSON.stringify(readBack.items[0]).slice(0, 200)}`,
			hints: readBack.hints,
			fails: !same,
		}),
	);
	return { rows, appointment };
}

/**
 * `--book`: one real booking in the first free slot of the next 7 days, read back by id, then
 * rescheduled to the next free slot, cancelled and read back (lifecycle.ts).
 */
export async function bookAndReadBack(
	credentials: ICredentialDataDecryptedObject,
): Promise<CheckRow[]> {
	try {
		const place = await findPlaceToBook(credentials);
		if (typeof place === 'string') return [row(BOOK, { node: place, fails: true })];
		const { rows, appointment } = await bookOne(credentials, place);
		if (!appointment.appointmentId) return rows;
		return [
			...rows,
			...(await rescheduleCancelAndReadBack(
				credentials,
				appointment,
				place.slots.find((slot) => slot.start !== place.slots[0].start),
			)),
		];
	} catch (error) {
		return [row(BOOK, { node: `fails: ${(error as Error).message}`, fails: true })];
	}
}

const MIME_TYPES: Record<string, string> = {
	'.pdf': 'application/pdf',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.txt': 'text/plain',
};

/** `--message FILE`: sends one file as a message. */
export async function sendOneFile(
	credentials: ICredentialDataDecryptedObject,
	path: string,
): Promise<CheckRow> {
	try {
		const bytes = readFileSync(path);
		const fileName = basename(path);
		const binary = {
			data: bytes.toString('base64'),
			mimeType: MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
			fileName,
		};
		const sent = await step(
			credentials,
			{ resource: 'message', operation: 'send', sendingFacility: 'n8n coreplus conformance check' },
			[{ json: {}, binary: { data: binary } }],
		);
		return row('POST Message/ (--message)', {
			node: `sent "${fileName}" (${bytes.length} bytes); answer keys: ${Object.keys(sent.items[0] ?? {}).join(', ')}`,
			hints: sent.hints,
		});
	} catch (error) {
		return row('POST Message/ (--message)', {
			node: `fails: ${(error as Error).message}`,
			fails: true,
		});
	}
}
