import type { IDataObject } from 'n8n-workflow';

import { idKey } from '../Coreplus/helpers/rules/ids';
import {
	changeEventId,
	comparable,
	fingerprintOf,
	isCancelled,
	startMillis,
	type Change,
} from './fingerprint';
import { isCovered } from './plan';
import {
	CLOCK_STEP_TOLERANCE_MS,
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
	 * The poll's time. The window may start earlier (the practice's day, for status changes): an
	 * appointment whose start is before this instant is told only as a status change.
	 */
	upcomingFrom: number;
	/**
	 * Look-Ahead Days grew: rows first seen starting after this instant (the previous window's
	 * end) are a new baseline for the added days, not new bookings. Undefined otherwise.
	 */
	baselineAfter?: number;
}

/** An appointment event before it is numbered (`numberEvents`): its item and the change it tells. */
export interface ToldChange {
	/** The appointment's key in the state (`idKey`). */
	id: string;
	change: Change;
	item: IDataObject & { event: TriggerEvent; record: IDataObject };
}

/** Gives each event its id, in order, advancing the trigger's count of events told. */
export function numberEvents(told: ToldChange[], serial: number) {
	const events = told.map(({ id, change, item }, index): EmittedEvent => {
		const eventId = changeEventId(id, item.event, change, serial + index + 1);
		return { ...item, event: item.event, eventId, record: item.record };
	});
	return { events, serial: serial + told.length };
}

/** Collects the events of one diff and the next state's entries. */
class DiffResult {
	readonly entries = idMap<AppointmentFingerprint>();
	private readonly ordered: Array<{ at: number; told: ToldChange }> = [];

	constructor(private readonly upcomingFrom: number) {}

	/**
	 * `after` null: the appointment is gone (its last known times are told). An appointment that
	 * has started is told only as a status change (attendance is marked then); nothing else about
	 * it concerns a workflow any more.
	 */
	emit(
		id: string,
		change: Change,
		{ event, ...rest }: IDataObject & { event: TriggerEvent; record: IDataObject },
	) {
		const fingerprint = (change.after ?? change.before)!;
		const at = startMillis(fingerprint);
		if (at < this.upcomingFrom && event !== 'appointmentStatusChanged') return;
		this.ordered.push({
			at,
			told: {
				id,
				change,
				item: { event, start: fingerprint.start, end: fingerprint.end, ...rest },
			},
		});
	}

	/** The events ordered by appointment start, then id. */
	events(): ToldChange[] {
		const byStart = [...this.ordered].sort(
			(a, b) => a.at - b.at || (a.told.id < b.told.id ? -1 : a.told.id > b.told.id ? 1 : 0),
		);
		return byStart.map((entry) => entry.told);
	}
}

function diffFirstSeen(
	input: AppointmentDiffInput,
	result: DiffResult,
	id: string,
	record: IDataObject,
) {
	const current = result.entries[id];
	if (input.baselineAfter !== undefined && startMillis(current) > input.baselineAfter) return;
	const enteredWindow = startMillis(current) > input.previous.windowEnd;
	// Cancelled long ago and only now inside the window: nothing happened since the last poll.
	if (enteredWindow && isCancelled(current)) return;
	const change = { before: null, after: current };
	result.emit(id, change, { event: 'newAppointment', enteredWindow, record });
	// Booked and cancelled between two polls: both happened, both are told.
	if (isCancelled(current)) result.emit(id, change, { event: 'appointmentCancelled', record });
}

/**
 * A known appointment seen again (in the list or by its look-up): a cancellation, an update, or
 * nothing (no change; or changes to one that stays cancelled, which nobody needs to act on). A
 * new status is also told on its own (Appointment Status Changed), cancelled or not.
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
	const change = { before, after: current };
	if (changes.status) {
		const status = { previousStatus: before.status, status: current.status };
		result.emit(id, change, { event: 'appointmentStatusChanged', ...status, record });
	}
	if (isCancelled(current) && isCancelled(before)) return;
	const event = isCancelled(current) ? 'appointmentCancelled' : 'appointmentUpdated';
	result.emit(id, change, { event, changes, record });
}

function diffListed(input: AppointmentDiffInput, result: DiffResult) {
	for (const record of input.listed) {
		const id = idKey(String(record.appointmentId));
		const current = fingerprintOf(record, input.zone);
		if (!current) continue;
		result.entries[id] = current;
		if (!hasId(input.previous.entries, id)) diffFirstSeen(input, result, id, record);
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
	// Its start has passed: it left the window by time passing, which is no event. The entry is
	// kept a while, so that a clock stepped forward and back finds it still known (not new, and
	// its cancellation told).
	if (at < input.window.from) {
		if (at >= input.window.from - CLOCK_STEP_TOLERANCE_MS) result.entries[id] = before;
		return;
	}
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
		if (!isCancelled(before)) {
			const change = { before, after: null };
			result.emit(id, change, { event: 'appointmentCancelled', removed: true, record });
		}
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
	events: ToldChange[];
	entries: IdMap<AppointmentFingerprint>;
} {
	const result = new DiffResult(input.upcomingFrom);
	diffListed(input, result);
	for (const [id, before] of Object.entries(input.previous.entries))
		if (!hasId(result.entries, id)) diffVanished(input, result, id, before);
	return { events: result.events(), entries: result.entries };
}
