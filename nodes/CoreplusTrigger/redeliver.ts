import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { idKey } from '../Coreplus/helpers/rules/ids';
import { fetchClient } from '../Coreplus/helpers/clients/fetchClient';
import { noticeFor } from '../Coreplus/helpers/output/notices';
import { readInvoice } from '../Coreplus/helpers/payment/invoiceReads';
import { asNodeError } from '../Coreplus/helpers/validation/errors';
import type { CoreplusContext } from '../Coreplus/transport/request';
import { INVOICE_EVENTS } from './invoices';
import { lookUpAppointment } from './reads';
import type { EmittedEvent, PendingEvent } from './types';

/**
 * Pending events emitted again after n8n may have lost them (`delivery.ts`). Pending keeps no
 * records, so each record is read again: an appointment from this poll's listing when it holds
 * it (the poll then reads the whole window), else by its look-up; a client by `GET Client/{id}`;
 * an invoice by `GET invoice/{id}`.
 * A record coreplus no longer has is redelivered as its id alone. The item is otherwise as it was
 * first told (event, id, times, changes), marked `redelivered`. A failed read fails the poll,
 * which then changes nothing, so the events come with the next poll.
 */

/** The record id an event id starts with: `<id>:<event>` or `<id>:<event>:<digest>`. */
function recordIdOf({ event, eventId }: PendingEvent): string {
	const at = eventId.lastIndexOf(`:${event}`);
	return at > 0 ? eventId.slice(0, at) : eventId;
}

/** Whether redelivering `pending` needs the appointments of the whole window listed. */
export function needsAppointments(pending: PendingEvent[]): boolean {
	return pending.some(
		(event) => event.event !== 'newClient' && !INVOICE_EVENTS.includes(event.event),
	);
}

/** Reads a record again; one coreplus no longer has (404) is its id alone. */
async function readAgain(
	context: CoreplusContext,
	read: () => Promise<IDataObject>,
	idOnly: IDataObject,
): Promise<IDataObject> {
	try {
		return await read();
	} catch (error) {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return idOnly;
		throw asNodeError(context.getNode(), error);
	}
}

async function recordOf(
	context: CoreplusContext,
	event: PendingEvent,
	listed: Map<string, IDataObject>,
): Promise<IDataObject> {
	const id = recordIdOf(event);
	if (event.event === 'newClient')
		return await readAgain(context, () => fetchClient(context, id), { clientId: id });
	if (INVOICE_EVENTS.includes(event.event)) {
		const read = () => readInvoice(context, id, { notice: noticeFor(context) });
		return await readAgain(context, read, { invoiceId: id });
	}
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
