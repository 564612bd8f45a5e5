import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { textOf } from '../rules/text';
import { announce } from './notices';
import { withIsoTimes } from './isoTimes';
import { appointmentTypeLabel, locationLabel, practitionerLabel } from '../rules/labels';
import {
	hasOffset,
	isBlankDateValue,
	normalizeCoreplusDateTime,
	coreplusInstant,
} from '../rules/dates';
import { findInDirectory, type DirectoryKind } from '../directory/directoryLists';
import { ianaZoneOfLocation } from '../rules/timezones';
import { checkBoolean } from '../validation/validation';

/**
 * "Simplify" (on by default; off gives coreplus' records as they come): one flat item with
 * the ids AND the names of practitioner, location, appointment type and client, and each time
 * both as the location's wall-clock time and as ISO 8601. Names come from the lists read once
 * per execution (directoryLists.ts).
 */
export function simplifyProperty(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a flat ${what} with IDs and names and local and ISO times instead of coreplus' raw record`,
	};
}

export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	const simplify = context.getNodeParameter('simplify', itemIndex, true);
	return checkBoolean(context, itemIndex, simplify, 'Simplify') ?? true;
}

const idOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function clientName(client: IDataObject): string | undefined {
	return [client.firstName, client.lastName].map(textOf).filter(Boolean).join(' ') || undefined;
}

const LABELS: Record<Exclude<DirectoryKind, 'clients'>, (row: IDataObject) => string> = {
	practitioners: practitionerLabel,
	locations: (row) => textOf(row.name) ?? locationLabel(row),
	appointmentTypes: (row) =>
		textOf(row.description) ?? textOf(row.name) ?? appointmentTypeLabel(row),
};

/**
 * Looks records up for names. `tolerant` (after a write): a failed read leaves the names empty and
 * says why in `namesUnavailable`, so a booking that was made is never reported as failed.
 */
export class NameBook {
	problem?: string;
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly tolerant: boolean,
	) {}

	async record(kind: DirectoryKind, id: string | undefined): Promise<IDataObject | undefined> {
		if (!id) return undefined;
		if (!this.tolerant) return await findInDirectory(this.context, kind, id, this.itemIndex);
		try {
			return await findInDirectory(this.context, kind, id, this.itemIndex);
		} catch (error) {
			this.problem ??= (error as Error).message;
			return undefined;
		}
	}

	async name(kind: DirectoryKind, id: string | undefined): Promise<string | null> {
		const row = await this.record(kind, id);
		if (!row) return null;
		return (kind === 'clients' ? clientName(row) : LABELS[kind](row)) ?? null;
	}
}

/**
 * Local wall-clock and ISO forms of a coreplus time, in the location's zone when it is known. A
 * time the node cannot read is passed on as coreplus sent it (in the local field), with a warning.
 */
function times(
	context: IExecuteFunctions,
	field: string,
	value: unknown,
	zone: string | undefined,
) {
	// With no known zone an offset-less time is taken as it reads (UTC only to format it, below).
	const parsed = coreplusInstant(value, zone ?? 'UTC');
	if (!parsed) {
		if (isBlankDateValue(value)) return { local: null, iso: null };
		announce(
			context,
			`coreplus sent the ${field} time as ${JSON.stringify(value)}, which the node cannot read as a date-time: it is passed on unchanged in ${field}Local, and ${field} is null`,
		);
		return { local: String(value), iso: null };
	}
	// With no known zone an offset-less time stays a wall-clock time: no offset is invented.
	const inZone = zone ? parsed.setZone(zone) : parsed;
	// A readable time is a string; its offset is seen without parsing it again.
	const anchored = zone || hasOffset(String(value));
	return {
		local: inZone.toFormat('yyyy-MM-dd HH:mm'),
		iso: anchored
			? inZone.toISO({ suppressMilliseconds: true })
			: inZone.toISO({ includeOffset: false, suppressMilliseconds: true }),
	};
}

/** A slot or an appointment, flat. */
export async function simplifiedTimedRecord(
	context: IExecuteFunctions,
	itemIndex: number,
	row: IDataObject,
	tolerant = false,
): Promise<IDataObject> {
	const names = new NameBook(context, itemIndex, tolerant);
	const practitionerId =
		idOf((row.practitioner as IDataObject | undefined)?.practitionerId) ?? idOf(row.practitionerId);
	const locationId = idOf(row.locationId);
	const appointmentTypeId = idOf(row.appointmentTypeId);
	const clients = Array.isArray(row.clients) ? (row.clients as IDataObject[]) : [];
	const clientId = idOf(clients[0]?.clientId);
	const location = await names.record('locations', locationId);
	const zone = location ? ianaZoneOfLocation(location) : undefined;
	const start = times(context, 'start', row.startDateTime, zone);
	const end = times(context, 'end', row.endDateTime, zone);
	const isAppointment = row.appointmentId !== undefined;
	const flat: IDataObject = {
		...(isAppointment
			? {
					appointmentId: row.appointmentId,
					referenceNumber: row.appointmentReferenceNumber ?? null,
					status: row.status ?? null,
				}
			: {}),
		startLocal: start.local,
		endLocal: end.local,
		start: start.iso,
		end: end.iso,
		timeZone: zone ?? null,
		practitionerId: practitionerId ?? null,
		practitionerName: await names.name('practitioners', practitionerId),
		locationId: locationId ?? null,
		locationName: location ? LABELS.locations(location) : null,
		appointmentTypeId: appointmentTypeId ?? null,
		appointmentTypeName: await names.name('appointmentTypes', appointmentTypeId),
		...(isAppointment
			? {
					clientId: clientId ?? null,
					clientName: await names.name('clients', clientId),
					subject: row.subject ?? null,
					notes: row.notes ?? null,
				}
			: {}),
		// Asked for with Get's "Include Cancellation Details".
		...('cancellationReasonId' in row
			? {
					cancellationReasonId: row.cancellationReasonId,
					cancellationNotes: row.cancellationNotes ?? null,
				}
			: {}),
	};
	if (names.problem) flat.namesUnavailable = names.problem;
	return flat;
}

/** A client, flat (its practitioner's name from the practitioner list). */
export async function simplifiedClient(
	context: IExecuteFunctions,
	itemIndex: number,
	client: IDataObject,
	tolerant = false,
): Promise<IDataObject> {
	const names = new NameBook(context, itemIndex, tolerant);
	const practitionerId = idOf(client.practitionerId);
	const flat: IDataObject = {
		clientId: client.clientId ?? null,
		name: clientName(client) ?? null,
		title: textOf(client.title) ?? null,
		firstName: client.firstName ?? null,
		lastName: client.lastName ?? null,
		preferredName: textOf(client.preferredName) ?? null,
		dateOfBirth: normalizeCoreplusDateTime(client.dateOfBirth)?.slice(0, 10) ?? null,
		gender: textOf(client.gender) ?? null,
		email: textOf(client.email) ?? null,
		mobile: textOf(client.phoneNumberMobile) ?? null,
		practitionerId: practitionerId ?? null,
		practitionerName: await names.name('practitioners', practitionerId),
	};
	if (names.problem) flat.namesUnavailable = names.problem;
	return flat;
}

/** Rows of a timed list (slots, appointments) as output: simplified, or coreplus' rows plus ISO times. */
export async function timedRows(
	context: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
	simplify: boolean,
): Promise<IDataObject[]> {
	if (!simplify) return rows.map(withIsoTimes);
	return await Promise.all(
		rows.map(async (row) => await simplifiedTimedRecord(context, itemIndex, row)),
	);
}
