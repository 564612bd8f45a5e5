import type { IDataObject } from 'n8n-workflow';

import { clientsDigest } from './compactEntries';
import {
	fingerprintDigest,
	fingerprintOf,
	isCancelled,
	WATCHED_FIELDS,
	type AppointmentFingerprint,
	type AppointmentState,
} from './state';

export type TriggerEvent =
	'newAppointment' | 'appointmentUpdated' | 'appointmentCancelled' | 'newClient';
export const APPOINTMENT_EVENTS: TriggerEvent[] = [
	'newAppointment',
	'appointmentUpdated',
	'appointmentCancelled',
];

/** `previous` is absent for `clientIds`: the state keeps only a digest of the client list. */
export type Changes = Record<string, { previous?: string | null; current: string | null }>;

/** One output item of the trigger. */
export interface EmittedEvent extends IDataObject {
	event: TriggerEvent;
	/**
	 * Stable across polls and restarts, for deduplication downstream: the record's id, the event
	 * and (appointments) a digest of the watched fields as they were when it happened.
	 */
	eventId: string;
	/** True when this event was emitted before and is sent again because n8n may have lost it (see README). */
	redelivered?: boolean;
	/** Normalised ISO 8601 start/end (coreplus writes a space before the offset). */
	start?: string;
	end?: string | null;
	/** For updates (and cancellations): each watched field that changed. */
	changes?: Changes;
	/**
	 * New appointments only: true when it was first seen at the far edge of the look-ahead window
	 * as the window moved forward, so it may have been booked earlier (coreplus has no booking date).
	 */
	enteredWindow?: boolean;
	/** Cancellations only: coreplus no longer returns the appointment at all; `record` holds only its id. */
	removed?: boolean;
	/** The record as coreplus returned it. */
	record: IDataObject;
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

/** The instants (epoch ms) an appointment's start must lie between to be watched. */
export interface TimeWindow {
	from: number;
	to: number;
}

export function startMillis(fingerprint: Pick<AppointmentFingerprint, 'start'>): number {
	return Date.parse(fingerprint.start);
}

function comparable(field: (typeof WATCHED_FIELDS)[number], value: string | null): string | null {
	if (field === 'start' || field === 'end') return instantOf(value);
	return field === 'clientIds' ? clientsDigest(value) : value;
}

function changesBetween(
	previous: AppointmentFingerprint,
	current: AppointmentFingerprint,
): Changes {
	const changes: Changes = {};
	for (const field of WATCHED_FIELDS) {
		if (comparable(field, previous[field]) === comparable(field, current[field])) continue;
		changes[field] =
			field === 'clientIds'
				? { current: current[field] }
				: { previous: previous[field], current: current[field] };
	}
	return changes;
}

// Compares times as instants, so the same time written in another offset is not a change.
function instantOf(iso: string | null): string | null {
	if (iso === null) return null;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? iso : String(ms);
}

/**
 * Appointments the state knows inside the window that the list no longer shows. They were
 * cancelled, deleted, rescheduled out of the window or moved to another practitioner/location:
 * only a look-up of each one (GET Appointment/{id}) tells which.
 */
export function vanishedIds(
	previous: AppointmentState | undefined,
	listedIds: Set<string>,
	window: TimeWindow,
): string[] {
	if (!previous) return [];
	return Object.entries(previous.entries)
		.filter(
			([id, fingerprint]) =>
				!listedIds.has(id) &&
				startMillis(fingerprint) >= window.from &&
				startMillis(fingerprint) <= window.to,
		)
		.map(([id]) => id);
}

export interface AppointmentDiffInput {
	previous: AppointmentState;
	/** Rows of the list that are inside the window and match the filters, in the API's order. */
	listed: IDataObject[];
	/** The vanished ids (see `vanishedIds`) looked up one by one; null when coreplus answered 404. */
	lookedUp: Map<string, IDataObject | null>;
	window: TimeWindow;
	/** Whether a record matches the location/practitioner filters. */
	matchesFilters(record: IDataObject): boolean;
	/**
	 * Look-Ahead Days grew: rows first seen starting after this instant (the previous window's
	 * end) are a new baseline for the added days, not new bookings. Undefined otherwise.
	 */
	baselineAfter?: number;
}

interface Ordered {
	at: number;
	id: string;
	item: EmittedEvent;
}

/**
 * Compares what coreplus lists now with what the previous poll saw. Pure: returns the events,
 * ordered by appointment start (then id), and the next state's entries.
 */
export function diffAppointments(input: AppointmentDiffInput): {
	events: EmittedEvent[];
	entries: Record<string, AppointmentFingerprint>;
} {
	const { previous, window } = input;
	const entries: Record<string, AppointmentFingerprint> = {};
	const ordered: Ordered[] = [];
	const emit = (
		id: string,
		fingerprint: AppointmentFingerprint,
		{ event, ...rest }: IDataObject & { event: TriggerEvent; record: IDataObject },
	) =>
		ordered.push({
			at: startMillis(fingerprint),
			id,
			item: {
				event,
				eventId: eventIdOf(id, event, fingerprint),
				start: fingerprint.start,
				end: fingerprint.end,
				...rest,
			},
		});

	for (const record of input.listed) {
		const id = String(record.appointmentId);
		const current = fingerprintOf(record);
		if (!current) continue;
		entries[id] = current;
		const before = previous.entries[id];
		if (!before) {
			if (input.baselineAfter !== undefined && startMillis(current) > input.baselineAfter) continue;
			const enteredWindow = startMillis(current) > previous.windowEnd;
			// Cancelled long ago and only now inside the window: nothing happened since the last poll.
			if (enteredWindow && isCancelled(current)) continue;
			emit(id, current, { event: 'newAppointment', enteredWindow, record });
			// Booked and cancelled between two polls: both happened, both are told.
			if (isCancelled(current)) emit(id, current, { event: 'appointmentCancelled', record });
			continue;
		}
		const changes = changesBetween(before, current);
		if (!Object.keys(changes).length) continue;
		const event =
			isCancelled(current) && !isCancelled(before) ? 'appointmentCancelled' : 'appointmentUpdated';
		emit(id, current, { event, changes, record });
	}

	for (const [id, before] of Object.entries(previous.entries)) {
		if (id in entries) continue;
		const at = startMillis(before);
		// Its start has passed: it left the window by time passing, which is no event.
		if (at < window.from) continue;
		const looked = input.lookedUp.get(id);
		if (at > window.to || looked === undefined) {
			// Rescheduled past the window earlier (absent from the list as expected), or its look-up
			// failed or was not needed (only New Appointment watched): kept, so that its return is
			// not taken for a new booking and a failed look-up is tried again next poll.
			entries[id] = before;
			continue;
		}
		if (looked === null) {
			if (!isCancelled(before))
				emit(id, before, {
					event: 'appointmentCancelled',
					removed: true,
					record: { appointmentId: id },
				});
			continue;
		}
		const current = fingerprintOf(looked);
		if (!current) continue;
		const changes = changesBetween(before, current);
		if (isCancelled(current)) {
			if (!isCancelled(before))
				emit(id, current, { event: 'appointmentCancelled', changes, record: looked });
			continue;
		}
		if (Object.keys(changes).length)
			emit(id, current, { event: 'appointmentUpdated', changes, record: looked });
		// Still ours (typically rescheduled past the window): remember where it went, so that its
		// return is an update or nothing, never a new booking. Moved away or into the past: forget it.
		if (input.matchesFilters(looked) && startMillis(current) >= window.from) entries[id] = current;
	}

	ordered.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return { events: ordered.map((entry) => entry.item), entries };
}
