import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readAddedOption } from '../parameters/addedOption';
import { checkId } from '../validation/validation';
import { sameId } from '../rules/ids';

/** The "Only For Client ID" option of Cancel and Reschedule: act only on this client's own appointments. */
export const onlyForClientOption: INodeProperties = {
	displayName: 'Only For Client ID',
	name: 'onlyForClientId',
	type: 'string',
	default: '',
	placeholder: 'clientId from Client → Find',
	description:
		"Refuse, before any change, an appointment that is not this client's alone (another client's, or a group appointment with anyone else). Once added, an empty value is refused, never ignored. For an AI tool use Only For Patient instead: a model can copy an ID.",
};

const LABEL = 'Only For Client ID';

/** The guard's client id; undefined when the option was not added, an error when added but blank. */
export function readClientGuard(
	context: IExecuteFunctions,
	itemIndex: number,
	collection: string,
): string | undefined {
	const { added, value } = readAddedOption(context, itemIndex, collection, 'onlyForClientId');
	return added ? checkId(context, itemIndex, value, LABEL, true) : undefined;
}

/** The distinct client ids of an appointment (case-blind: coreplus writes GUIDs in either case). */
export function clientIdsOf(appointment: IDataObject): string[] {
	const clients = Array.isArray(appointment.clients) ? (appointment.clients as IDataObject[]) : [];
	const ids: string[] = [];
	for (const client of clients) {
		const id = client?.clientId;
		if (typeof id !== 'string' || !id) ids.push('');
		else if (!ids.some((seen) => sameId(seen, id))) ids.push(id);
	}
	return ids;
}

/** The one client an appointment is for; undefined when it has none, an unreadable one, or several. */
export function soleClientId(appointment: IDataObject): string | undefined {
	const ids = clientIdsOf(appointment);
	return ids.length === 1 && ids[0] ? ids[0] : undefined;
}

/** Refuses (before any write) an appointment that is not the expected client's alone. */
export function requireClient(
	context: IExecuteFunctions,
	itemIndex: number,
	appointment: IDataObject,
	clientId: string | undefined,
): void {
	if (clientId === undefined) return;
	if (sameId(soleClientId(appointment), clientId)) return;
	throw new NodeOperationError(
		context.getNode(),
		`Appointment ${String(appointment.appointmentId)} is not an appointment of client ${clientId} alone; nothing was changed`,
		{
			itemIndex,
			description:
				'Only For Client ID is set and the appointment belongs to another client, or also to someone else (a group appointment). Check the appointment ID and the client.',
		},
	);
}
