import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { RECORDS, readRecord } from '../../transport/endpoints';
import type { Query } from '../../transport/url';
import type { readRequestOptions } from '../parameters/parameters';
import { asNodeError } from '../validation/errors';
import { withIsoTimes } from '../output/isoTimes';
import { noticeFor } from '../output/notices';

export type RequestSettings = ReturnType<typeof readRequestOptions>;

/** coreplus' answer to GET Appointment/{id} when it does not know the id: 404 (the emulator's, inferred). */
function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/** One appointment by id, with ISO times; undefined when coreplus does not know the id. */
export async function findAppointment(
	context: IExecuteFunctions,
	itemIndex: number,
	appointmentId: string,
	settings: RequestSettings,
	query?: Query,
): Promise<IDataObject | undefined> {
	try {
		return withIsoTimes(
			await readRecord(context, RECORDS.appointment, {
				id: appointmentId,
				query,
				itemIndex,
				notice: noticeFor(context),
				...settings,
			}),
		);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/** One appointment by id, with ISO times; an unknown id is a clear error naming it. */
export async function readAppointment(
	context: IExecuteFunctions,
	itemIndex: number,
	appointmentId: string,
	settings: RequestSettings,
): Promise<IDataObject> {
	const appointment = await findAppointment(context, itemIndex, appointmentId, settings);
	if (appointment) return appointment;
	throw new NodeOperationError(
		context.getNode(),
		`coreplus has no appointment with ID ${appointmentId}`,
		{
			itemIndex,
			description:
				'Check the Appointment ID (from Book or Get Many: {{ $json.appointmentId }}); coreplus answered 404 Not Found.',
		},
	);
}

/** The id of the appointment's practitioner, whichever form the record uses. */
export function practitionerIdOf(appointment: IDataObject): unknown {
	return (
		(appointment.practitioner as IDataObject | undefined)?.practitionerId ??
		appointment.practitionerId
	);
}
