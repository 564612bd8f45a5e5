import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isCancelledAppointment } from '../rules/appointmentStatus';
import { sameId } from '../rules/ids';
import type { ClientIdentity } from '../rules/matchClient';
import { checkIds, locationPicker, practitionerPicker } from '../parameters/pickers';
import { checkBoolean, checkId, checkString } from '../validation/validation';
import { practitionerIdOf } from './appointmentRecord';
import { clientIdsOf } from './clientGuard';
import { keepPatientRows, onlyForPatientOption, readPatientGuard } from './patientGuard';

/**
 * Appointment → Get Many's filters. coreplus' appointment list takes only a date range and a time
 * zone (docs/coreplus-api.md), so these are applied by the node to the appointments of the range:
 * the whole range is read, then filtered, then Limit applies.
 */
const RANGE_NOTE = 'applied to the appointments of the date range above';

export const appointmentFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: `Keep only some appointments, ${RANGE_NOTE} (coreplus' list has no such filters, so the whole range is read)`,
	options: [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			placeholder: 'clientId from Client → Find',
			description: `Only appointments this client is on, ${RANGE_NOTE}`,
		},
		{
			displayName: 'Exclude Cancelled',
			name: 'excludeCancelled',
			type: 'boolean',
			default: false,
			description: `Whether to leave out cancelled appointments, ${RANGE_NOTE}`,
		},
		{
			...onlyForPatientOption,
			description: `Only the appointments of the patient with this first name, last name and date of birth (matched as Client → Find matches), and of nobody else, ${RANGE_NOTE}. Once added, an empty value is refused, never ignored.`,
		},
		practitionerPicker({
			name: 'practitionerIds',
			displayName: 'Practitioners',
			multiple: true,
			description: `Only appointments with these practitioners, ${RANGE_NOTE}`,
		}),
		locationPicker({
			name: 'locationIds',
			displayName: 'Locations',
			multiple: true,
			description: `Only appointments at these locations, ${RANGE_NOTE}`,
		}),
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'string',
			default: '',
			placeholder: 'e.g. Booked, Attended',
			description: `Only appointments with one of these statuses, comma-separated as coreplus names them (case does not matter), ${RANGE_NOTE}`,
		},
	],
};

export interface AppointmentFilters {
	clientId?: string;
	excludeCancelled: boolean;
	patient?: ClientIdentity;
	practitionerIds: string[];
	locationIds: string[];
	/** Lower case. */
	statuses: string[];
}

/** The filters, checked before any request (a patient added but blank is refused here). */
export function readAppointmentFilters(
	context: IExecuteFunctions,
	itemIndex: number,
): AppointmentFilters {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const statuses = checkString(context, itemIndex, filters.statuses, { label: 'Statuses' });
	return {
		clientId: checkId(context, itemIndex, filters.clientId, 'Client ID', false),
		excludeCancelled:
			checkBoolean(context, itemIndex, filters.excludeCancelled, 'Exclude Cancelled') === true,
		patient: readPatientGuard(context, itemIndex, 'filters'),
		practitionerIds: checkIds(context, itemIndex, filters.practitionerIds, 'Practitioners'),
		locationIds: checkIds(context, itemIndex, filters.locationIds, 'Locations'),
		statuses: (statuses ?? '')
			.split(',')
			.map((status) => status.trim().toLowerCase())
			.filter(Boolean),
	};
}

export function hasFilters(filters: AppointmentFilters): boolean {
	return Boolean(
		filters.clientId ||
		filters.excludeCancelled ||
		filters.patient ||
		filters.practitionerIds.length ||
		filters.locationIds.length ||
		filters.statuses.length,
	);
}

const anyOf = (ids: string[], id: unknown) => !ids.length || ids.some((one) => sameId(one, id));

function keeps(filters: AppointmentFilters, row: IDataObject): boolean {
	const status = typeof row.status === 'string' ? row.status.trim().toLowerCase() : '';
	return (
		(!filters.clientId || clientIdsOf(row).some((id) => sameId(id, filters.clientId))) &&
		!(filters.excludeCancelled && isCancelledAppointment(row)) &&
		anyOf(filters.practitionerIds, practitionerIdOf(row)) &&
		anyOf(filters.locationIds, row.locationId) &&
		(!filters.statuses.length || filters.statuses.includes(status))
	);
}

/** The rows the filters keep, in coreplus' order. */
export async function filterAppointments(
	context: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
	filters: AppointmentFilters,
): Promise<IDataObject[]> {
	const kept = rows.filter((row) => keeps(filters, row));
	// No rows left: the patient's clients need not be looked up.
	if (!filters.patient || !kept.length) return kept;
	return await keepPatientRows(context, itemIndex, kept, filters.patient);
}
