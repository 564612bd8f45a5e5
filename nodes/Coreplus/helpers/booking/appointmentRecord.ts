import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { RECORDS, readRecord } from '../../transport/endpoints';
import type { readRequestOptions } from '../parameters/parameters';
import { asNodeError } from '../validation/errors';
import { withIsoTimes } from '../output/isoTimes';
import { noticeFor } from '../output/notices';
import { sameId } from '../rules/ids';

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
): Promise<IDataObject | undefined> {
	try {
		return withIsoTimes(
			await readRecord(context, RECORDS.appointment, {
				id: appointmentId,
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

/** The "Only For Client ID" option of Cancel and Reschedule: an AI tool acts only for the patient it identified. */
export const onlyForClientOption: INodeProperties = {
	displayName: 'Only For Client ID',
	name: 'onlyForClientId',
	type: 'string',
	default: '',
	placeholder: 'clientId from Client → Find',
	description:
		"Refuse, before any change, an appointment that is not this client's (e.g. the patient an AI assistant confirmed by name and date of birth with Client → Find)",
};

/** Refuses (before any write) an appointment that is not the expected client's. */
export function requireClient(
	context: IExecuteFunctions,
	itemIndex: number,
	appointment: IDataObject,
	clientId: string | undefined,
): void {
	if (!clientId) return;
	const clients = Array.isArray(appointment.clients) ? (appointment.clients as IDataObject[]) : [];
	if (clients.some((client) => sameId(client?.clientId, clientId))) return;
	throw new NodeOperationError(
		context.getNode(),
		`Appointment ${String(appointment.appointmentId)} is not an appointment of client ${clientId}; nothing was changed`,
		{
			itemIndex,
			description:
				'Only For Client ID is set and the appointment belongs to another client. Check the appointment ID and the client.',
		},
	);
}
