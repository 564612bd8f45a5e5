import { randomUUID } from 'node:crypto';

import { BoundedMap, TRIGGERS_PER_PROCESS } from './boundedMap';
import type { EmittedEvent, PendingDelivery, PendingEvent } from './types';

/**
 * At-least-once delivery across n8n's save-then-execute gap. In n8n's default poll path the
 * trigger context saves the workflow's static data (this trigger's state) and only then creates
 * the execution, so a crash in between would lose what the poll emitted for good. So the events
 * of a poll stay in the state as pending, with a nonce this process remembers. The next poll in
 * the same process proves they were handed over (the process outlived the gap) and drops them;
 * a poll that finds pending events this process did not emit (n8n restarted, crashed or not)
 * emits them again, marked `redelivered`, with the same event ids (`redeliver.ts`).
 *
 * Pending keeps each event without its record (the record is read again when it is redelivered),
 * and only events told for the first time: a redelivered event is not stored again, so crash
 * after crash never sends it a third time (1 → 2 → 3 deliveries). The price: a crash inside the
 * gap of the very poll that redelivers it (about 10 ms, right after another crash) loses it.
 */

// Per workflow and node: the nonce of the last batch this process returned to n8n. Bounded: a
// dropped nonce only makes that batch come again, marked `redelivered`, with the same ids.
const handedOverHere = new BoundedMap<string, string>(TRIGGERS_PER_PROCESS);

/** The pending events to emit again: none when this process emitted them itself. */
export function pendingToRedeliver(
	key: string,
	pending: PendingDelivery | undefined,
): PendingEvent[] {
	if (!pending || handedOverHere.get(key) === pending.nonce) return [];
	return pending.events;
}

/** An event as pending keeps it: without its record, the redelivery mark or a false flag. */
function pendingOf(event: EmittedEvent): PendingEvent {
	const { record: _record, redelivered: _again, ...rest } = event;
	if (rest.enteredWindow === false) delete rest.enteredWindow;
	return rest;
}

/** Records the batch this poll returns to n8n; what the state keeps as pending (first tellings only). */
export function handOver(key: string, events: EmittedEvent[]): PendingDelivery | undefined {
	const told = events.filter((event) => !event.redelivered);
	if (!told.length) {
		handedOverHere.delete(key);
		return undefined;
	}
	const nonce = randomUUID();
	handedOverHere.set(key, nonce);
	return { nonce, events: told.map(pendingOf) };
}
