import type { IDataObject } from 'n8n-workflow';

import {
	decodeEntries,
	decodeId,
	encodeEntries,
	encodeId,
	type StoredEntries,
} from './compactEntries';
import { idMap, type AppointmentState, type IdMap, type TriggerState } from './types';

/**
 * What the trigger remembers between polls, kept in the workflow's static data under
 * `coreplusTrigger` (n8n saves it with the workflow after a poll that emitted, and when the
 * workflow is activated). One layout, `version: 6`; a state in any other layout (written by a
 * development build) is ignored, and the next poll records a fresh baseline. Ids are kept in one
 * case (`idKey`), so an id coreplus serves in another case is the same record.
 *
 * ```
 * { version: 5,
 *   appointments?: { scope, windowEnd, lookAheadDays, farCursor?, farPage?, farSeen?: <encoded id>[],
 *                    values: string[],
 *                    entries: { <encoded id>: "start|offset|end|status|deleted|practitioner|location|type|clients" },
 *                    unresolved?: [<encoded id>, <failed look-ups>][] },
 *   clients?: { total, tailStart, tail: string[], known: string, missing?: string },
 *   invoices?: { cursor, seen: { <id>: digest }, created: { <id>: generatedAt } },
 *   pending?: { nonce, events: PendingEvent[] },
 *   told?: number }
 * ```
 *
 * Bounds, so that months of polling never grow it:
 * - appointments: one entry per appointment that is (or was last seen) inside the watched window,
 *   about 55 bytes each (`compactEntries.ts`). An entry is dropped a day after its start has
 *   passed (time passing is not a cancellation; the day absorbs a wall-clock step), when it vanishes from the list and its look-up shows it
 *   deleted, cancelled or out of the filters, or after `MAX_LOOK_UP_ATTEMPTS` failed look-ups. A
 *   cancelled appointment that the list still shows keeps its entry, so that its later removal is
 *   no second cancellation and its reinstatement is an update. Entries beyond the window exist
 *   only for appointments rescheduled past it, and fall out when that time passes. So the size is
 *   about "appointments in the next N days"; `unresolved` holds at most the vanished ones.
 * - farSeen: while a big later day is read page by page, the ids its pages showed so far (about
 *   25 bytes each): at most one day's appointments (`pagedDay.ts`).
 * - clients: 7 characters per known client plus one page of ids (`clients.ts`).
 * - invoices: the invoices listed by the poll that set the cursor (the changes of at most one
 *   overlap), and those told as created in the last two days (`invoices.ts`).
 * - pending: the events of the last poll that emitted, each once and without its record (about
 *   150 bytes an event, plus the previous values of an update's changed fields), until a later
 *   poll in the same n8n process proves they were handed over (`delivery.ts`). A poll emits at
 *   most two events per watched appointment and one per new client, so pending is bounded by the
 *   diary's size too.
 * - told: one number, the appointment events told so far (part of each event id).
 */

/** Polls in a row a vanished appointment's look-up may fail before the trigger stops asking. */
export const MAX_LOOK_UP_ATTEMPTS = 10;

const STATE_KEY = 'coreplusTrigger';
const LAYOUT_VERSION = 6;

type StoredAppointments = Omit<AppointmentState, 'entries' | 'unresolved'> &
	StoredEntries & { unresolved?: Array<[string, number]> };

interface StoredState extends Omit<TriggerState, 'appointments'> {
	version: typeof LAYOUT_VERSION;
	appointments?: StoredAppointments;
}

function decodeUnresolved(pairs: Array<[string, number]> | undefined): IdMap<number> | undefined {
	if (!pairs?.length) return undefined;
	const unresolved = idMap<number>();
	for (const [key, attempts] of pairs) unresolved[decodeId(key)] = attempts;
	return unresolved;
}

export function readState(staticData: IDataObject): TriggerState {
	const stored = staticData[STATE_KEY] as StoredState | undefined;
	if (stored?.version !== LAYOUT_VERSION) return {};
	const state: TriggerState = {};
	if (stored.appointments) {
		const { values, entries, unresolved, farSeen, ...rest } = stored.appointments;
		state.appointments = { ...rest, entries: decodeEntries({ values, entries }) };
		if (farSeen) state.appointments.farSeen = farSeen.map(decodeId);
		const decoded = decodeUnresolved(unresolved);
		if (decoded) state.appointments.unresolved = decoded;
	}
	if (stored.clients) state.clients = stored.clients;
	if (stored.invoices) state.invoices = stored.invoices;
	if (stored.pending) state.pending = stored.pending;
	if (stored.told) state.told = stored.told;
	return state;
}

function storedAppointments(appointments: AppointmentState): StoredAppointments {
	const { unresolved, entries, farSeen, ...rest } = appointments;
	const pairs = Object.entries(unresolved ?? {}).map(([id, attempts]): [string, number] => [
		encodeId(id),
		attempts,
	]);
	return {
		...rest,
		...(farSeen ? { farSeen: farSeen.map(encodeId) } : {}),
		...encodeEntries(entries),
		...(pairs.length ? { unresolved: pairs } : {}),
	};
}

/** Replaces the stored state in one assignment (called only after a poll fully succeeded). */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	const stored: StoredState = { version: LAYOUT_VERSION };
	if (state.appointments) stored.appointments = storedAppointments(state.appointments);
	if (state.clients) stored.clients = state.clients;
	if (state.invoices) stored.invoices = state.invoices;
	if (state.pending) stored.pending = state.pending;
	if (state.told) stored.told = state.told;
	// Unchanged state is not reassigned, so n8n does not save the workflow after a quiet poll.
	if (JSON.stringify(staticData[STATE_KEY]) === JSON.stringify(stored)) return;
	staticData[STATE_KEY] = stored as unknown as IDataObject;
}
