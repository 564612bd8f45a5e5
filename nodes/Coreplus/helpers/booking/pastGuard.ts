import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { DateTime } from 'luxon';

import { lookUpLocationZone } from '../directory/locationZone';
import { isFinalStatus } from '../rules/appointmentStatus';
import { coreplusInstant, hasOffset, normalizeCoreplusDateTime } from '../rules/dates';
import { checkBoolean } from '../validation/validation';

/**
 * The past stays as it was: Cancel and Reschedule leave alone an appointment that has started or
 * records what happened (attended, did not arrive), and Reschedule sends no start in the past,
 * unless "Allow Changes to the Past" is on. Checked before anything is sent.
 */
const LABEL = 'Allow Changes to the Past';
const HOW_TO_ALLOW = `Nothing was sent. To change history on purpose, turn on ${LABEL}.`;

export const allowPastOption: INodeProperties = {
	displayName: LABEL,
	name: 'allowChangesToPast',
	type: 'boolean',
	default: false,
	description:
		'Whether to change an appointment that has already started or is marked attended or did not arrive, or move one to a start in the past; off, such a change is refused before anything is sent',
};

export function readAllowPast(context: IExecuteFunctions, itemIndex: number, value: unknown) {
	return checkBoolean(context, itemIndex, value, LABEL) === true;
}

function refused(context: IExecuteFunctions, itemIndex: number, message: string) {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: HOW_TO_ALLOW,
	});
}

/** The appointment's start as an instant: its own offset, else the location's zone (read only then). */
async function startOf(
	context: IExecuteFunctions,
	itemIndex: number,
	appointment: IDataObject,
	zone: string | undefined,
): Promise<DateTime | undefined> {
	const iso = normalizeCoreplusDateTime(appointment.startDateTime);
	if (!iso || hasOffset(iso) || zone) return coreplusInstant(appointment.startDateTime, zone);
	const locationId = String(appointment.locationId ?? '');
	const location = await lookUpLocationZone(context, locationId, itemIndex, 'Appointment ID');
	return coreplusInstant(appointment.startDateTime, location.zone);
}

/** Refuses a change to an appointment that is history; `zone` is the location's, when already known. */
export async function requireNotHistory(
	context: IExecuteFunctions,
	itemIndex: number,
	appointment: IDataObject,
	change: { what: string; allowPast: boolean; zone?: string },
): Promise<void> {
	if (change.allowPast) return;
	const id = String(appointment.appointmentId);
	if (isFinalStatus(appointment.status))
		throw refused(
			context,
			itemIndex,
			`Appointment ${id} is marked "${String(appointment.status)}" and is not ${change.what}: it records what happened`,
		);
	const start = await startOf(context, itemIndex, appointment, change.zone);
	if (!start?.isValid)
		throw refused(
			context,
			itemIndex,
			`Appointment ${id} is not ${change.what}: its start ${JSON.stringify(appointment.startDateTime)} cannot be read, so the node cannot tell whether it is in the past`,
		);
	if (start.toMillis() <= Date.now())
		throw refused(
			context,
			itemIndex,
			`Appointment ${id} started at ${String(appointment.startDateTime)}, in the past, and is not ${change.what}`,
		);
}

/** Refuses a new start that is not in the future. */
export function requireFutureStart(
	context: IExecuteFunctions,
	itemIndex: number,
	start: DateTime,
	allowPast: boolean,
	zone: string,
): void {
	if (allowPast || start.toMillis() > Date.now()) return;
	throw refused(
		context,
		itemIndex,
		`The new start ${start.setZone(zone).toFormat('yyyy-MM-dd HH:mm ZZ')} is in the past; the appointment is not moved there`,
	);
}
