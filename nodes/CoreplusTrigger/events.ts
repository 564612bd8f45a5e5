import type { IDataObject } from 'n8n-workflow';

import { comparable, eventIdOf, fingerprintOf, isCancelled, startMillis } from './fingerprint';
import { isCovered } from './plan';
import {
	hasId,
	idMap,
	WATCHED_FIELDS,
	type AppointmentFingerprint,
	type AppointmentState,
	type Changes,
	type EmittedEvent,
	type IdMap,
	type TimeWindow,
	type TriggerEvent,
} from './types';

/** The pure diff of the appointment events: what the list shows now against the state. */

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

/**
 * Appointments the state knows inside the spans this poll read (see `plan.ts`) that the list no
 * longer shows. They were
 * cancelled, deleted, rescheduled out of the window or moved to another practitioner/location:
 * only a look-up of each one (GET Appointment/{id}) tells which.
 */
export function vanishedIds(
	previous: AppointmentState | undefined,
	listedIds: Set<string>,
	covered: TimeWindow[],
): string[] {
	if (!previous) return [];
	return Object.entries(previous.entries)
		.filter(
			([id, fingerprint]) => !listedIds.has(id) && isCovered(covered, startMillis(fingerprint)),
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
	/** The practice's zone: offset-less coreplus times are read in it (`fingerprintOf`). */
	zone: string | undefined;
	/**
	 * Look-Ahead Days grew: rows first seen starting after this instant (the previous window's
	 * end) are a new baseline for the added days, not new bookings. Undefined otherwise.
	 */
	baselineAfter?: number;
}

/** Collects the events of one diff and the next state's entries. */
class DiffResult {
	readonly entries = idMap<AppointmentFingerprint>();
	private readonly ordered: Array<{ at: number; id: string; item: EmittedEvent }> = [];

	emit(
		id: string,
		fingerprint: AppointmentFingerprint,
		{ event, ...rest }: IDataObject & { event: TriggerEvent; record: IDataObject },
	) {
		this.ordered.push({
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
	}

	/** The events ordered by appointment start, then id. */
	events(): EmittedEvent[] {
		const byStart = [...this.ordered].sort(
			(a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
		);
		return byStart.map((entry) => entry.item);
	}
}

function diffFirstSeen(input: AppointmentDiffInput, result: DiffResult, record: IDataObject) {
	const id = String(record.appointmentId);
	const current = result.entries[id];
	if (input.baselineAfter !== undefined && startMillis(current) > input.baselineAfter) return;
	const enteredWindow = startMillis(current) > input.previous.windowEnd;
	// Cancelled long ago and only now inside the window: nothing happened since the last poll.
	if (enteredWindow && isCancelled(current)) return;
	result.emit(id, current, { event: 'newAppointment', enteredWindow, record });
	// Booked and cancelled between two polls: both happened, both are told.
	if (isCancelled(current)) result.emit(id, current, { event: 'appointmentCancelled', record });
}

/**
 * A known appointment seen again (in the list or by its look-up): a cancellation, an update, or
 * nothing (no change; or changes to one that stays cancelled, which nobody needs to act on).
 */
function diffKnown(
	result: DiffResult,
	id: string,
	before: AppointmentFingerprint,
	record: IDataObject,
	current: AppointmentFingerprint,
) {
	const changes = changesBetween(before, current);
	if (!Object.keys(changes).length) return;
	if (isCancelled(current) && isCancelled(before)) return;
	const event = isCancelled(current) ? 'appointmentCancelled' : 'appointmentUpdated';
	result.emit(id, current, { event, changes, record });
}

function diffListed(input: AppointmentDiffInput, result: DiffResult) {
	for (const record of input.listed) {
		const id = String(record.appointmentId);
		const current = fingerprintOf(record, input.zone);
		if (!current) continue;
		result.entries[id] = current;
		if (!hasId(input.previous.entries, id)) diffFirstSeen(input, result, record);
		else diffKnown(result, id, input.previous.entries[id], record, current);
	}
}

/** A known appointment the list no longer shows, resolved by its look-up. */
function diffVanished(
	input: AppointmentDiffInput,
	result: DiffResult,
	id: string,
	before: AppointmentFingerprint,
) {
	const at = startMillis(before);
	// Its start has passed: it left the window by time passing, which is no event.
	if (at < input.window.from) return;
	const looked = input.lookedUp.get(id);
	if (at > input.window.to || looked === undefined) {
		// Rescheduled past the window earlier (absent from the list as expected), or its look-up
		// failed or was not needed (only New Appointment watched): kept, so that its return is
		// not taken for a new booking and a failed look-up is tried again next poll.
		result.entries[id] = before;
		return;
	}
	if (looked === null) {
		const record = { appointmentId: id };
		if (!isCancelled(before))
			result.emit(id, before, { event: 'appointmentCancelled', removed: true, record });
		return;
	}
	const current = fingerprintOf(looked, input.zone);
	if (!current) return;
	diffKnown(result, id, before, looked, current);
	// Still ours (typically rescheduled past the window): remember where it went, so that its
	// return is an update or nothing, never a new booking. Moved away, cancelled or into the past:
	// forget it.
	const stillOurs = input.matchesFilters(looked) && startMillis(current) >= input.window.from;
	if (stillOurs && !isCancelled(current)) result.entries[id] = current;
}

/**
 * Compares what coreplus lists now with what the previous poll saw. Pure: returns the events,
 * ordered by appointment start (then id), and the next state's entries.
 */
export function diffAppointments(input: AppointmentDiffInput): {
	events: EmittedEvent[];
	entries: IdMap<AppointmentFingerprint>;
} {
	const result = new DiffResult();
	diffListed(input, result);
	for (const [id, before] of Object.entries(input.previous.entries))
		if (!hasId(result.entries, id)) diffVanished(input, result, id, before);
	return { events: result.events(), entries: result.entries };
}
