import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { asNodeError } from '../validation/errors';
import { practitionerLabel } from '../rules/labels';
import { UnreadableWriteAnswerError } from '../../transport/envelope';
import { isConflict } from '../../transport/refusals';
import { madeIdUnknown } from '../output/madeIdUnknown';
import { findInDirectory } from '../directory/directoryLists';
import type { BookingTimes } from './bookingTimes';
import { findBooking, type BookingKey } from './findBooking';
import { withIsoTimes } from '../output/isoTimes';

export async function practitionerName(
	context: IExecuteFunctions,
	itemIndex: number,
	practitionerId: string,
): Promise<string> {
	try {
		const practitioner = await findInDirectory(context, 'practitioners', practitionerId, itemIndex);
		return practitioner ? `${practitionerLabel(practitioner)} (${practitionerId})` : practitionerId;
	} catch {
		return practitionerId; // The name only decorates the message.
	}
}

/** The conflict as the user should read it: which slot, which practitioner, and what to do. */
export async function conflictError(
	context: IExecuteFunctions,
	itemIndex: number,
	error: NodeApiError,
	key: BookingKey,
	times: BookingTimes,
) {
	const who = await practitionerName(context, itemIndex, key.practitionerId);
	const message = `The slot ${times.startDateTime} to ${times.endDateTime} is not available for practitioner ${who}`;
	return new NodeApiError(
		context.getNode(),
		{ message, httpCode: String(error.httpCode ?? '409') } as JsonObject,
		{
			message,
			description: `coreplus answered: ${error.message}. Search Availability Slot → Get Many again and book a free slot.`,
			httpCode: String(error.httpCode ?? '409'),
			itemIndex,
		},
	);
}

/**
 * The answer was lost and the look-up that should tell whether coreplus booked it failed too: the
 * booking may or may not exist. Say so, with what identifies it and what to check, never a bare read error.
 */
async function fateUnknownError(
	context: IExecuteFunctions,
	itemIndex: number,
	lookUpError: unknown,
	key: BookingKey,
	times: BookingTimes,
) {
	const who = await practitionerName(context, itemIndex, key.practitionerId);
	const reason = (lookUpError as Error)?.message ?? String(lookUpError);
	return new NodeOperationError(
		context.getNode(),
		`The booking's fate is unknown: practitioner ${who}, client ${key.clientId}, start ${times.startDateTime}. Its answer was lost and the look-up failed (${reason})`,
		{
			itemIndex,
			description: `coreplus may have made this booking. Before running it again, check the practitioner's diary in coreplus on ${times.start.setZone(key.zone).toISODate()} (or Appointment → Get Many for that day at the location): if the appointment is there, do not book again. Running the node again is safe too: it recognises its own booking and does not book twice.`,
		},
	);
}

/** findBooking, with a failed look-up turned into the "fate unknown" error. */
async function lookUpAfterLoss(
	context: IExecuteFunctions,
	itemIndex: number,
	key: BookingKey,
	times: BookingTimes,
) {
	try {
		return await findBooking(context, itemIndex, key);
	} catch (error) {
		throw await fateUnknownError(context, itemIndex, error, key, times);
	}
}

/**
 * A conflict on the first send may be the practice's own earlier booking of this very item (a lost
 * answer, then Retry On Fail or a re-run): the same practitioner, client and start is that booking.
 */
async function ownBooking(
	context: IExecuteFunctions,
	itemIndex: number,
	key: BookingKey,
): Promise<IDataObject | undefined> {
	try {
		return await findBooking(context, itemIndex, key);
	} catch {
		return undefined; // The conflict error below still tells the user what happened.
	}
}

/**
 * coreplus accepted the booking (2xx) but its answer held no readable appointment: it was made.
 * Read back; if the look-up cannot find it, report it made with its id unknown, never re-send.
 */
async function resolveUnreadableAnswer(
	context: IExecuteFunctions,
	itemIndex: number,
	error: UnreadableWriteAnswerError,
	key: BookingKey,
	times: BookingTimes,
): Promise<IDataObject> {
	const existing = await ownBooking(context, itemIndex, key);
	if (existing) return { ...withIsoTimes(existing), recoveredAfterUnreadableAnswer: true };
	const day = times.start.setZone(key.zone).toISODate();
	return madeIdUnknown(
		context,
		'appointmentId',
		error.answer,
		`the booking at ${times.startDateTime} for client ${key.clientId} was accepted but could not be read back; check the practitioner's diary in coreplus on ${day} before booking it again`,
	);
}

const booked = (response: IDataObject) =>
	withIsoTimes((response?.appointment as IDataObject | undefined) ?? response);

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
	const recovered = (appointment: IDataObject) => ({
		...withIsoTimes(appointment),
		recoveredAfterLostResponse: true,
	});
	try {
		return booked(await send());
	} catch (error) {
		if (error instanceof UnreadableWriteAnswerError)
			return await resolveUnreadableAnswer(context, itemIndex, error, key, times);
		if (isConflict(error)) {
			const existing = await ownBooking(context, itemIndex, key);
			if (existing) return { ...withIsoTimes(existing), alreadyBooked: true };
			throw await conflictError(context, itemIndex, error, key, times);
		}
		if (!writeOutcomeUnknown(error)) throw asNodeError(context.getNode(), error, itemIndex);
		const existing = await lookUpAfterLoss(context, itemIndex, key, times);
		if (existing) return recovered(existing);
	}
	try {
		return { ...booked(await send()), resentAfterLostResponse: true };
	} catch (error) {
		if (error instanceof UnreadableWriteAnswerError)
			return await resolveUnreadableAnswer(context, itemIndex, error, key, times);
		if (!writeOutcomeUnknown(error) && !isConflict(error))
			throw asNodeError(context.getNode(), error, itemIndex);
		const existing = await lookUpAfterLoss(context, itemIndex, key, times);
		if (existing) return recovered(existing);
		if (isConflict(error)) throw await conflictError(context, itemIndex, error, key, times);
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
