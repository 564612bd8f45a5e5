import type { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LISTS, readList } from '../../transport/endpoints';
import { noticeFor } from '../output/notices';
import { isCancelledAppointment } from '../rules/appointmentStatus';
import { coreplusInstant } from '../rules/dates';
import { readRequestOptions } from '../parameters/parameters';
import { sameId } from '../rules/ids';

export interface BookingKey {
	practitionerId: string;
	clientId: string;
	start: DateTime;
	/** Zone of the location, to list the right local day. */
	zone: string;
	timezoneId: string;
}

/**
 * The live (not cancelled) appointment with this practitioner, client and start instant, if
 * coreplus has one: how the Book operation learns the fate of a booking whose answer was lost.
 * Lists that local day's appointments in the location's zone (coreplus documents no search by practitioner or client).
 */
export async function findBooking(
	context: IExecuteFunctions,
	itemIndex: number,
	key: BookingKey,
): Promise<IDataObject | undefined> {
	const day = key.start.setZone(key.zone).toISODate()!;
	const appointments = await readList(context, LISTS.appointment, {
		query: { startDate: day, endDate: day, timezoneId: key.timezoneId },
		itemIndex,
		...readRequestOptions(context, itemIndex),
		notice: noticeFor(context),
	});
	const wantedStart = key.start.toMillis();
	return appointments.find((appointment) => {
		// An offset-less start is the location's wall-clock time (the one reader of coreplus times).
		const start = coreplusInstant(appointment.startDateTime, key.zone);
		const clients = Array.isArray(appointment.clients)
			? (appointment.clients as IDataObject[])
			: [];
		return (
			start?.toMillis() === wantedStart &&
			// A cancelled appointment in the slot is no booking (the shared rule).
			!isCancelledAppointment(appointment) &&
			sameId(
				(appointment.practitioner as IDataObject | undefined)?.practitionerId,
				key.practitionerId,
			) &&
			clients.some((client) => sameId(client?.clientId, key.clientId))
		);
	});
}
