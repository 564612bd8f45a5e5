import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { practitionerLabel } from '../../methods/loadOptions';
import { CoreplusOutcomeUnknownError } from '../../transport/request';
import { findInDirectory } from '../directoryLists';
import type { BookingTimes } from './bookingTimes';
import { findBooking, type BookingKey } from './findBooking';
import { withIsoTimes } from './normalise';

/** A gateway that gave up after forwarding the request leaves the outcome as open as a lost answer. */
const GATEWAY_GAVE_UP = new Set(['502', '504']);

/** Errors from the transport already are n8n errors and pass unchanged; anything else is wrapped. */
function asNodeError(context: IExecuteFunctions, itemIndex: number, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function outcomeUnknown(error: unknown): boolean {
	return error instanceof CoreplusOutcomeUnknownError || (error instanceof NodeApiError && GATEWAY_GAVE_UP.has(String(error.httpCode)));
}

// Inferred: the documented "conflict or timeslot not available" example body was not recovered;
// a 409 or that reason text is taken as the conflict.
function isConflict(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && (String(error.httpCode) === '409' || /timeslot not available|not available/i.test(error.message));
}

async function practitionerName(context: IExecuteFunctions, itemIndex: number, practitionerId: string): Promise<string> {
	try {
		const practitioner = await findInDirectory(context, 'practitioners', practitionerId, itemIndex);
		return practitioner ? `${practitionerLabel(practitioner)} (${practitionerId})` : practitionerId;
	} catch {
		return practitionerId; // The name only decorates the message.
	}
}

async function conflictError(context: IExecuteFunctions, itemIndex: number, error: NodeApiError, key: BookingKey, times: BookingTimes) {
	const who = await practitionerName(context, itemIndex, key.practitionerId);
	const message = `The slot ${times.startDateTime} to ${times.endDateTime} is not available for practitioner ${who}`;
	return new NodeApiError(context.getNode(), { message, httpCode: String(error.httpCode ?? '409') } as JsonObject, {
		message,
		description: `coreplus answered: ${error.message}. Search Availability Slot → Get Many again and book a free slot.`,
		httpCode: String(error.httpCode ?? '409'),
		itemIndex,
	});
}

const booked = (response: IDataObject) => withIsoTimes((response?.appointment as IDataObject | undefined) ?? response);

/**
 * Sends a booking so that it happens at most once and is never reported as failed when it
 * succeeded. When the answer is lost (connection reset or timeout after sending; the transport
 * never re-sends a write), the appointment is looked up by practitioner, client and start: if it
 * exists it is returned, marked `recoveredAfterLostResponse`; if it does not, coreplus provably
 * did not book it and the request is sent once more. If that second answer is lost too, or is a
 * conflict (the first request may have landed meanwhile), one more look-up decides.
 */
export async function sendBookingOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	send: () => Promise<IDataObject>,
	key: BookingKey,
	times: BookingTimes,
): Promise<IDataObject> {
	const recovered = (appointment: IDataObject) => ({ ...withIsoTimes(appointment), recoveredAfterLostResponse: true });
	try {
		return booked(await send());
	} catch (error) {
		if (isConflict(error)) throw await conflictError(context, itemIndex, error, key, times);
		if (!outcomeUnknown(error)) throw asNodeError(context, itemIndex, error);
		const existing = await findBooking(context, itemIndex, key);
		if (existing) return recovered(existing);
	}
	try {
		return { ...booked(await send()), resentAfterLostResponse: true };
	} catch (error) {
		if (!outcomeUnknown(error) && !isConflict(error)) throw asNodeError(context, itemIndex, error);
		const existing = await findBooking(context, itemIndex, key);
		if (existing) return recovered(existing);
		if (isConflict(error)) throw await conflictError(context, itemIndex, error, key, times);
		throw asNodeError(context, itemIndex, error);
	}
}
