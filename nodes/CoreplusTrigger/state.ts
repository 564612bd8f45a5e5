import type { IDataObject } from 'n8n-workflow';

import { normalizeCoreplusDateTime } from '../Coreplus/actions/dates';

/**
 * What the trigger remembers between polls, kept in the workflow's static data (n8n saves it
 * with the workflow after each successful poll).
 *
 * Bounds, so that months of polling never grow it:
 * - appointments: one entry per appointment that is (or was last seen) inside the watched window.
 *   An entry is dropped once its start has passed (time passing is not a cancellation), when the
 *   appointment is cancelled or deleted, or when it leaves the filters. Entries beyond the window
 *   exist only for appointments rescheduled past it, and fall out when that time passes. So the
 *   size is about "appointments in the next N days": a busy clinic with 500 a day and a 30-day
 *   window holds ~15,000 entries of ~200 bytes, ~3 MB, whatever the number of polls.
 * - clients: coreplus lists clients with no creation date, so "new" means "an id not seen
 *   before". The set is replaced by the ids of the latest list each poll (deleted clients drop
 *   out), so it is bounded by the practice's client count (~37 bytes an id: 20,000 clients is
 *   ~0.75 MB), never by time.
 */

/** The appointment fields whose change is an "Appointment Updated" (or Cancelled) event. */
export const WATCHED_FIELDS = ['start', 'end', 'status', 'practitionerId', 'locationId', 'appointmentTypeId', 'clientIds'] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** The watched fields of one appointment; start/end as normalised ISO 8601. */
export type AppointmentFingerprint = Record<WatchedField, string | null> & { start: string };

export interface AppointmentState {
	/** The filters this state was recorded for; other filters mean a fresh baseline. */
	scope: string;
	/** End (epoch ms) of the window the last successful poll watched. */
	windowEnd: number;
	entries: Record<string, AppointmentFingerprint>;
}

export interface TriggerState {
	appointments?: AppointmentState;
	clientIds?: Set<string>;
}

// Stored form: fingerprints as tuples in WATCHED_FIELDS order (about half the size of objects).
interface StoredState {
	version: 1;
	appointments?: { scope: string; windowEnd: number; entries: Record<string, Array<string | null>> };
	clientIds?: string[];
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
	const clientIds = clients.map((client) => text(client?.clientId)).filter((id): id is string => id !== null).sort();
	return {
		start,
		end: normalizeCoreplusDateTime(record.endDateTime) ?? null,
		status: text(record.status),
		practitionerId: text((record.practitioner as IDataObject | undefined)?.practitionerId) ?? text(record.practitionerId),
		locationId: text(record.locationId),
		appointmentTypeId: text(record.appointmentTypeId),
		clientIds: clientIds.length ? clientIds.join(',') : null,
	};
}

/**
 * coreplus documents no cancellation flag on list rows; the emulator (and, we infer, coreplus)
 * marks a cancelled appointment with `status: "Cancelled"`. Any status mentioning "cancel" counts
 * ("Cancelled", "Canceled", "Cancelled - late notice").
 */
export function isCancelled(fingerprint: Pick<AppointmentFingerprint, 'status'>): boolean {
	return /cancel/i.test(fingerprint.status ?? '');
}

export function readState(staticData: IDataObject): TriggerState {
	const stored = staticData[STATE_KEY] as StoredState | undefined;
	if (!stored || stored.version !== 1) return {};
	const state: TriggerState = {};
	if (stored.appointments) {
		const entries: Record<string, AppointmentFingerprint> = {};
		for (const [id, tuple] of Object.entries(stored.appointments.entries)) {
			entries[id] = Object.fromEntries(WATCHED_FIELDS.map((field, index) => [field, tuple[index] ?? null])) as AppointmentFingerprint;
		}
		state.appointments = { scope: stored.appointments.scope, windowEnd: stored.appointments.windowEnd, entries };
	}
	if (stored.clientIds) state.clientIds = new Set(stored.clientIds);
	return state;
}

/** Replaces the stored state in one assignment (called only after a poll fully succeeded). */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	const stored: StoredState = { version: 1 };
	if (state.appointments) {
		const entries: Record<string, Array<string | null>> = {};
		for (const [id, fingerprint] of Object.entries(state.appointments.entries)) {
			entries[id] = WATCHED_FIELDS.map((field) => fingerprint[field]);
		}
		stored.appointments = { scope: state.appointments.scope, windowEnd: state.appointments.windowEnd, entries };
	}
	if (state.clientIds) stored.clientIds = [...state.clientIds];
	// Unchanged state is not reassigned, so n8n does not save the workflow after a quiet poll.
	if (JSON.stringify(staticData[STATE_KEY]) === JSON.stringify(stored)) return;
	staticData[STATE_KEY] = stored as unknown as IDataObject;
}
