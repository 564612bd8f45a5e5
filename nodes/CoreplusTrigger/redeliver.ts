import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { idKey } from '../Coreplus/helpers/rules/ids';
import { fetchClient } from '../Coreplus/helpers/clients/fetchClient';
import { asNodeError } from '../Coreplus/helpers/validation/errors';
import type { CoreplusContext } from '../Coreplus/transport/request';
import { lookUpAppointment } from './reads';
import type { EmittedEvent, PendingEvent } from './types';

/**
 * Pending events emitted again after n8n may have lost them (`delivery.ts`). Pending keeps no
 * records, so each record is read again: an appointment from this poll's listing when it holds
 * it (the poll then reads the whole window), else by its look-up; a client by `GET Client/{id}`.
 * A record coreplus no longer has is redelivered as its id alone. The item is otherwise as it was
 * first told (event, id, times, changes), marked `redelivered`. A failed read fails the poll,
 * which then changes nothing, so the events come with the next poll.
 */

// An appointment event's id ends with ":<event>:<12-character digest>", a client's with ":newClient".
const DIGEST_SUFFIX = 13;

/** The record id an event id starts with. */
function recordIdOf({ event, eventId }: PendingEvent): string {
	const suffix = event.length + 1 + (event === 'newClient' ? 0 : DIGEST_SUFFIX);
	return eventId.slice(0, eventId.length - suffix);
}

/** Whether redelivering `pending` needs the appointments of the whole window listed. */
export function needsAppointments(pending: PendingEvent[]): boolean {
	return pending.some((event) => event.event !== 'newClient');
}

async function clientRecord(context: CoreplusContext, id: string): Promise<IDataObject> {
	try {
		return await fetchClient(context, id);
	} catch (error) {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return { clientId: id };
		throw asNodeError(context.getNode(), error);
	}
}

async function recordOf(
	context: CoreplusContext,
	event: PendingEvent,
	listed: Map<string, IDataObject>,
): Promise<IDataObject> {
	const id = recordIdOf(event);
	if (event.event === 'newClient') return await clientRecord(context, id);
	if (event.removed) return { appointmentId: id };
	const row = listed.get(idKey(id));
	if (row) return row;
	return (await lookUpAppointment(context, id)) ?? { appointmentId: id };
}

/** The pending events as items again, each with its record read afresh. */
export async function redeliver(
	context: CoreplusContext,
	pending: PendingEvent[],
	listed: Map<string, IDataObject>,
): Promise<EmittedEvent[]> {
	const items: EmittedEvent[] = [];
	for (const event of pending) {
		const record = await recordOf(context, event, listed);
		const entered =
			event.event === 'newAppointment' ? { enteredWindow: !!event.enteredWindow } : {};
		items.push({ ...event, ...entered, record, redelivered: true });
	}
	return items;
}
