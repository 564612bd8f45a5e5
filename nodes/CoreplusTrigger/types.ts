import type { IDataObject } from 'n8n-workflow';

/**
 * The trigger's shared vocabulary: types and constants only, imported by every other module of
 * the folder and importing none of them (so the folder has no import circle).
 */

export type TriggerEvent =
	| 'newAppointment'
	| 'appointmentUpdated'
	| 'appointmentCancelled'
	| 'appointmentStatusChanged'
	| 'appointmentStartingSoon'
	| 'newClient'
	| 'invoiceCreated'
	| 'invoiceUpdated'
	| 'invoicePaid';
export const APPOINTMENT_EVENTS: TriggerEvent[] = [
	'newAppointment',
	'appointmentUpdated',
	'appointmentCancelled',
	'appointmentStatusChanged',
	'appointmentStartingSoon',
];

/** The appointment fields whose change is an "Appointment Updated" (or Cancelled) event. */
export const WATCHED_FIELDS = [
	'start',
	'end',
	'status',
	// "true" when coreplus marks the record `deleted` (how public clients cancel: docs/coreplus-api.md#appointment-cancel).
	'deleted',
	'practitionerId',
	'locationId',
	'appointmentTypeId',
	'clientIds',
] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** The watched fields of one appointment; start/end as normalised ISO 8601. */
export type AppointmentFingerprint = Record<WatchedField, string | null> & { start: string };

/** Entries keyed by appointment id: always made by `idMap()`, so ids like `__proto__` are plain keys. */
export type IdMap<T> = Record<string, T>;

/** A record keyed by server data, with no inherited keys (`__proto__`, `constructor` are plain ids). */
export function idMap<T>(): IdMap<T> {
	return Object.create(null) as IdMap<T>;
}

/** Whether `map` holds `id` itself (never an inherited member). */
export function hasId(map: object, id: string): boolean {
	return Object.prototype.hasOwnProperty.call(map, id);
}

/** `previous` is absent for `clientIds`: the state keeps only a digest of the client list. */
export type Changes = Record<string, { previous?: string | null; current: string | null }>;

/** One output item of the trigger. */
export interface EmittedEvent extends IDataObject {
	event: TriggerEvent;
	/**
	 * One change, one id: the record's id, the event and (appointments) a digest of the change
	 * (the watched fields before and after) and of the trigger's change counter, so a later change
	 * that brings the same fields back has another id. A redelivery keeps the id it was told with.
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

/**
 * How far the wall clock may step (either way) without an appointment being forgotten or told
 * again: an appointment whose start has passed stays in the state this long after it.
 */
export const CLOCK_STEP_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** The instants (epoch ms) an appointment's start must lie between to be watched. */
export interface TimeWindow {
	from: number;
	to: number;
}

export interface AppointmentState {
	/** The filters this state was recorded for; other filters mean a fresh baseline. */
	scope: string;
	/**
	 * The furthest instant (epoch ms) the polls have read up to: a row first seen beyond it
	 * entered the window as it moved (`enteredWindow`), it was not just booked.
	 */
	windowEnd: number;
	/** The first local date of the next slice of later days to read (see `plan.ts`). */
	farCursor?: string;
	/** `farCursor`'s day is read page by page: the next page to read (see `pagedDay.ts`). */
	farPage?: number;
	/** The ids listed on that day's pages read so far (one day's ids at most). */
	farSeen?: string[];
	/** Look-Ahead Days of the last successful poll. */
	lookAheadDays: number;
	entries: IdMap<AppointmentFingerprint>;
	/** Vanished appointments whose look-up failed: how many polls in a row it failed. */
	unresolved?: IdMap<number>;
	/** Appointment Starting Soon only (`startingSoon.ts`). */
	reminders?: ReminderState;
}

/** What Appointment Starting Soon remembers (see `startingSoon.ts`). */
export interface ReminderState {
	/** Epoch ms from which reminders are told: the first poll watching them with this lead. */
	from: number;
	/** The lead (ms before the start) `from` was set for; another lead starts afresh. */
	leadMs: number;
	/** Epoch ms of the last successful poll, and the last few gaps between polls (ms). */
	polledAt: number;
	gaps: number[];
	/** Appointments reminded of: id → the start instant (epoch ms, base 36) they were reminded for. */
	told: IdMap<string>;
}

/** What New Client remembers (a few hundred bytes plus 7 characters per known client). */
export interface ClientWatch {
	/** `totalRows` when last read. */
	total: number;
	/** Position (0-based) of the first row of `tail`. */
	tailStart: number;
	/** Ids of the rows from `tailStart` to the end of the list, as last read. */
	tail: string[];
	/** Hashes (`clientHash`) of every client id known, sorted and concatenated. */
	known: string;
	/**
	 * Hashes of known ids the last complete listing did not show: forgotten only when the next
	 * complete listing misses them too (see `clients.ts`). Absent when there are none.
	 */
	missing?: string;
}

/**
 * An event as pending delivery keeps it: everything but the record, which a redelivery reads again
 * from coreplus (`redeliver.ts`; the record's id is the start of `eventId`), and without
 * `enteredWindow: false`.
 */
export type PendingEvent = IDataObject & { event: TriggerEvent; eventId: string };

/** The events of a poll kept until a later poll in the same process proves them handed over. */
export interface PendingDelivery {
	nonce: string;
	events: PendingEvent[];
}

/** What the invoice events remember (bounded by the changes of one poll and two days of new invoices). */
/** See invoices.ts. */
export interface InvoiceWatch {
	/** Epoch ms of the last poll that saw a change, re-read an older one, or was the first: `updatedSince` is this less the overlap. */
	cursor: number;
	/** Invoices the poll that set the cursor listed: id → digest of their fields, then `+` (owing) or `0` (paid). */
	seen: Record<string, string>;
	/** Ids told as Created, with their `generatedAt`, for two days. */
	created: Record<string, string>;
}

export interface TriggerState {
	appointments?: AppointmentState;
	clients?: ClientWatch;
	invoices?: InvoiceWatch;
	pending?: PendingDelivery;
	/**
	 * Appointment events told so far by this trigger (kept across new baselines): part of each
	 * event id, so that no two changes share one.
	 */
	told?: number;
}
