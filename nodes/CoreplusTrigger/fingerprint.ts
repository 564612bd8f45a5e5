import type { IDataObject } from 'n8n-workflow';

import { textOf } from '../Coreplus/helpers/rules/text';
import { isCancelledAppointment } from '../Coreplus/helpers/rules/appointmentStatus';
import {
	hasOffset,
	normalizeCoreplusDateTime,
	coreplusInstant,
} from '../Coreplus/helpers/rules/dates';
import { shortDigest } from './digest';
import {
	WATCHED_FIELDS,
	type AppointmentFingerprint,
	type TriggerEvent,
	type WatchedField,
} from './types';

/** What the trigger compares of an appointment, and how: pure functions of one record. */

const CLIENTS_DIGEST = '#';

/** A watched text field as the state stores it: the shared "empty text" rule, absent as null. */
const text = (value: unknown): string | null => textOf(value) ?? null;

/** A client list as the state keeps it: its digest (an already digested value stays as it is). */
export function clientsDigest(clientIds: string | null): string | null {
	if (clientIds === null || clientIds.startsWith(CLIENTS_DIGEST)) return clientIds;
	return `${CLIENTS_DIGEST}${shortDigest(clientIds, 6)}`;
}

/**
 * A watched time as stored: an offset-less coreplus time is read in the practice's zone (the one
 * reader, `coreplusInstant`) and kept with that offset, so it names the same instant on every
 * host; with no known zone it stays as written.
 */
function timeOf(value: unknown, zone: string | undefined): string | undefined {
	const iso = normalizeCoreplusDateTime(value);
	// A time with its offset already names its instant (and is not parsed twice: a poll reads thousands).
	if (!iso || !zone || hasOffset(iso)) return iso;
	return coreplusInstant(iso, zone)?.toISO({ suppressMilliseconds: true }) ?? undefined;
}

/**
 * The watched fields of a coreplus appointment record; undefined when it has no readable start.
 * `zone`: the practice's zone the poll's queries use (coreplus returns times in it).
 */
export function fingerprintOf(
	record: IDataObject,
	zone: string | undefined,
): AppointmentFingerprint | undefined {
	const start = timeOf(record.startDateTime, zone);
	if (!start) return undefined;
	const clients = Array.isArray(record.clients) ? (record.clients as IDataObject[]) : [];
	const clientIds = clients
		.map((client) => text(client?.clientId))
		.filter((id): id is string => id !== null)
		.sort();
	return {
		start,
		end: timeOf(record.endDateTime, zone) ?? null,
		status: text(record.status),
		// The shared rule reads `deleted` (true or "true"); only its verdict is kept.
		deleted: isCancelledAppointment({ deleted: record.deleted }) ? 'true' : null,
		practitionerId:
			text((record.practitioner as IDataObject | undefined)?.practitionerId) ??
			text(record.practitionerId),
		locationId: text(record.locationId),
		appointmentTypeId: text(record.appointmentTypeId),
		clientIds: clientIds.length ? clientIds.join(',') : null,
	};
}

/** Whether the fingerprinted appointment is cancelled (the shared rule, `helpers/appointmentStatus`). */
export function isCancelled(fingerprint: Pick<AppointmentFingerprint, 'status' | 'deleted'>) {
	return isCancelledAppointment({ status: fingerprint.status, deleted: fingerprint.deleted });
}

/**
 * The ONE way the trigger compares times: as instants (epoch ms), so the same time written with
 * another offset is the same value. Text that is no readable time is compared as written.
 */
export function instantOf(iso: string | null): string | null {
	if (iso === null) return null;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? iso : String(ms);
}

export function startMillis(fingerprint: Pick<AppointmentFingerprint, 'start'>): number {
	return Date.parse(fingerprint.start);
}

/** A watched field's value as compared: times as instants, the client list as its digest. */
export function comparable(field: WatchedField, value: string | null): string | null {
	if (field === 'start' || field === 'end') return instantOf(value);
	return field === 'clientIds' ? clientsDigest(value) : value;
}

const comparedValues = (fingerprint: AppointmentFingerprint | null) =>
	fingerprint && WATCHED_FIELDS.map((field) => comparable(field, fingerprint[field]));

/** A short digest of the watched fields as compared: the id of a sample (Fetch Test Event). */
export function fingerprintDigest(fingerprint: AppointmentFingerprint): string {
	return shortDigest(JSON.stringify(comparedValues(fingerprint)), 12);
}

export function eventIdOf(
	recordId: string,
	event: TriggerEvent,
	fingerprint?: AppointmentFingerprint,
): string {
	return fingerprint
		? `${recordId}:${event}:${fingerprintDigest(fingerprint)}`
		: `${recordId}:${event}`;
}

/** What an appointment event is about: the watched fields before (null: first seen) and after (null: gone). */
export interface Change {
	before: AppointmentFingerprint | null;
	after: AppointmentFingerprint | null;
}

/**
 * The id of one appointment event: the change itself (before → after, as compared) and `serial`,
 * the trigger's count of events told, so that a later change bringing the same fields back
 * (A→B→A→B, cancel → reinstate → cancel, a filter round trip) never shares an earlier id.
 */
export function changeEventId(
	recordId: string,
	event: TriggerEvent,
	change: Change,
	serial: number,
): string {
	const basis = [serial, comparedValues(change.before), comparedValues(change.after)];
	return `${recordId}:${event}:${shortDigest(JSON.stringify(basis), 12)}`;
}
