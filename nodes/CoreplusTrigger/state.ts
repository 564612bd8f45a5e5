import type { IDataObject } from 'n8n-workflow';

import { isCancelledStatus } from '../Coreplus/helpers/rules/appointmentStatus';
import { normalizeCoreplusDateTime } from '../Coreplus/helpers/rules/dates';
import type { ClientWatch } from './clients';
import { clientsDigest, decodeEntries, encodeEntries, type StoredEntries } from './compactEntries';
import type { PendingDelivery } from './delivery';
import { clientHash, shortDigest } from './digest';

/**
 * What the trigger remembers between polls, kept in the workflow's static data (n8n saves it
 * with the workflow after a poll that emitted, and when the workflow is activated).
 *
 * Bounds, so that months of polling never grow it:
 * - appointments: one entry per appointment that is (or was last seen) inside the watched window.
 *   An entry is dropped once its start has passed (time passing is not a cancellation), when it
 *   vanishes from the list and its look-up shows it deleted, cancelled or out of the filters, or
 *   after `MAX_LOOK_UP_ATTEMPTS` failed look-ups. A cancelled appointment that the list still
 *   shows keeps its entry (status "Cancelled"), so that its later removal is no second
 *   cancellation and its reinstatement is an update. Entries beyond the window exist only for
 *   appointments rescheduled past it, and fall out when that time passes. So the size is about
 *   "appointments in the next N days".
 * - clients: see `clients.ts` (7 characters per known client plus one page of ids).
 * - pending: the events of the last poll that emitted, until a later poll in the same n8n
 *   process proves they were handed over (see `delivery.ts`).
 */

/** The appointment fields whose change is an "Appointment Updated" (or Cancelled) event. */
export const WATCHED_FIELDS = [
	'start',
	'end',
	'status',
	'practitionerId',
	'locationId',
	'appointmentTypeId',
	'clientIds',
] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** The watched fields of one appointment; start/end as normalised ISO 8601. */
export type AppointmentFingerprint = Record<WatchedField, string | null> & { start: string };

export interface AppointmentState {
	/** The filters this state was recorded for; other filters mean a fresh baseline. */
	scope: string;
	/** End (epoch ms) of the window the last successful poll watched. */
	windowEnd: number;
	/** Look-Ahead Days of the last successful poll (absent in states written before it was kept). */
	lookAheadDays?: number;
	entries: Record<string, AppointmentFingerprint>;
	/** Vanished appointments whose look-up failed: how many polls in a row it failed. */
	unresolved?: Record<string, number>;
}

export interface TriggerState {
	appointments?: AppointmentState;
	clients?: ClientWatch;
	pending?: PendingDelivery;
}

/** Polls in a row a vanished appointment's look-up may fail before the trigger stops asking. */
export const MAX_LOOK_UP_ATTEMPTS = 10;

// Stored form: compact entries (see compactEntries.ts); versions 1 and 2 kept tuples in WATCHED_FIELDS order.
type StoredAppointments = Omit<AppointmentState, 'entries'> &
	({ entries: Record<string, Array<string | null>> } | StoredEntries);
interface StoredState {
	version: 1 | 2 | 3;
	appointments?: StoredAppointments;
	/** Version 1: every client id of the latest list. */
	clientIds?: string[];
	clients?: ClientWatch;
	pending?: PendingDelivery;
}

const STATE_KEY = 'coreplusTrigger';

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The watched fields of a coreplus appointment record; undefined when it has no readable start. */
export function fingerprintOf(record: IDataObject): AppointmentFingerprint | undefined {
	const start = normalizeCoreplusDateTime(record.startDateTime);
	if (!start) return undefined;
	const clients = Array.isArray(record.clients) ? (record.clients as IDataObject[]) : [];
	const clientIds = clients
		.map((client) => text(client?.clientId))
		.filter((id): id is string => id !== null)
		.sort();
	return {
		start,
		end: normalizeCoreplusDateTime(record.endDateTime) ?? null,
		status: text(record.status),
		practitionerId:
			text((record.practitioner as IDataObject | undefined)?.practitionerId) ??
			text(record.practitionerId),
		locationId: text(record.locationId),
		appointmentTypeId: text(record.appointmentTypeId),
		clientIds: clientIds.length ? clientIds.join(',') : null,
	};
}

/** Whether the fingerprinted appointment is cancelled (the shared rule, `helpers/appointmentStatus`). */
export function isCancelled(fingerprint: Pick<AppointmentFingerprint, 'status'>): boolean {
	return isCancelledStatus(fingerprint.status);
}

/**
 * A short digest of the watched fields (times as instants, so another offset for the same time is
 * the same digest): part of the event id.
 */
export function fingerprintDigest(fingerprint: AppointmentFingerprint): string {
	const values = WATCHED_FIELDS.map((field) => {
		const value = fingerprint[field];
		if (field === 'clientIds') return clientsDigest(value);
		return (field === 'start' || field === 'end') &&
			value !== null &&
			!Number.isNaN(Date.parse(value))
			? String(Date.parse(value))
			: value;
	});
	return shortDigest(JSON.stringify(values), 12);
}

export function readState(staticData: IDataObject): TriggerState {
	const stored = staticData[STATE_KEY] as StoredState | undefined;
	if (!stored || ![1, 2, 3].includes(stored.version)) return {};
	const state: TriggerState = {};
	if (stored.appointments) {
		const {
			values,
			entries: storedEntries,
			...rest
		} = stored.appointments as StoredAppointments & Partial<StoredEntries>;
		let entries: Record<string, AppointmentFingerprint> = {};
		if (values)
			entries = decodeEntries({ values, entries: storedEntries as Record<string, string> });
		else {
			for (const [id, tuple] of Object.entries(
				storedEntries as Record<string, Array<string | null>>,
			)) {
				entries[id] = Object.fromEntries(
					WATCHED_FIELDS.map((field, index) => [field, tuple[index] ?? null]),
				) as AppointmentFingerprint;
			}
		}
		state.appointments = { ...rest, entries };
	}
	// A version 1 state knew every id but no positions: the next poll reconciles against them.
	if (stored.clientIds)
		state.clients = { total: -1, tailStart: 0, tail: [], known: legacyKnown(stored.clientIds) };
	if (stored.clients) state.clients = stored.clients;
	if (stored.pending) state.pending = stored.pending;
	return state;
}

function legacyKnown(ids: string[]): string {
	return [...new Set(ids.map(clientHash))].sort().join('');
}

/** Replaces the stored state in one assignment (called only after a poll fully succeeded). */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	const stored: StoredState = { version: 3 };
	if (state.appointments) {
		const { unresolved, entries, ...rest } = state.appointments;
		stored.appointments = {
			...rest,
			...encodeEntries(entries),
			...(unresolved && Object.keys(unresolved).length ? { unresolved } : {}),
		};
	}
	if (state.clients) stored.clients = state.clients;
	if (state.pending) stored.pending = state.pending;
	// Unchanged state is not reassigned, so n8n does not save the workflow after a quiet poll.
	if (JSON.stringify(staticData[STATE_KEY]) === JSON.stringify(stored)) return;
	staticData[STATE_KEY] = stored as unknown as IDataObject;
}
