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
 * once: a redelivered event replaces its pending entry, so crash after crash never multiplies it.
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

/** The id of the record an event is about. */
function recordIdOf(event: EmittedEvent): string {
	return String(event.record.appointmentId ?? event.record.clientId);
}

/** An event as pending keeps it: without its record, and without the redelivery mark. */
function pendingOf(event: EmittedEvent): PendingEvent {
	const { record: _record, redelivered: _again, ...rest } = event;
	return { ...rest, id: recordIdOf(event) };
}

/** Records the batch this poll returns to n8n; what the state keeps as pending. */
export function handOver(key: string, events: EmittedEvent[]): PendingDelivery | undefined {
	if (!events.length) {
		handedOverHere.delete(key);
		return undefined;
	}
	const nonce = randomUUID();
	handedOverHere.set(key, nonce);
	return { nonce, events: events.map(pendingOf) };
}
