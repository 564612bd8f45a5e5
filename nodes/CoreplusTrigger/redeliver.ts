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
	if (event.event === 'newClient') return await clientRecord(context, event.id);
	if (event.removed) return { appointmentId: event.id };
	const row = listed.get(idKey(event.id));
	if (row) return row;
	return (await lookUpAppointment(context, event.id)) ?? { appointmentId: event.id };
}

/** The pending events as items again, each with its record read afresh. */
export async function redeliver(
	context: CoreplusContext,
	pending: PendingEvent[],
	listed: Map<string, IDataObject>,
): Promise<EmittedEvent[]> {
	const items: EmittedEvent[] = [];
	for (const event of pending) {
		const { id: _id, ...rest } = event;
		const record = await recordOf(context, event, listed);
		items.push({ ...rest, record, redelivered: true });
	}
	return items;
}
