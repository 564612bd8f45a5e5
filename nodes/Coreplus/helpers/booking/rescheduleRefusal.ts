import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { BookingTimes } from './bookingTimes';
import { conflictError } from './sendBooking';

/** A reschedule refused because the new time is taken: Book's conflict error, naming the slot. */
export async function rescheduleRefusal(
	context: IExecuteFunctions,
	itemIndex: number,
	error: NodeApiError,
	before: IDataObject,
	target: { times: BookingTimes; practitionerId: string },
	zone: string,
): Promise<Error> {
	const clients = Array.isArray(before.clients) ? (before.clients as IDataObject[]) : [];
	return await conflictError(
		context,
		itemIndex,
		error,
		{
			practitionerId: target.practitionerId,
			clientId: String(clients[0]?.clientId ?? ''),
			start: target.times.start,
			zone,
			timezoneId: '',
		},
		target.times,
	);
}
