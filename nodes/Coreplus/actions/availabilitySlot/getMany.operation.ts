import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../../transport/paginate';
import { withIsoTimes } from '../appointment/normalise';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from '../common';
import { dateRangeProperties, readDateRange } from '../dateRange';
import { appointmentTypePicker, locationPicker, practitionerPicker, readPickedId, readPickedIds } from '../pickers';
import { readSimplify, simplifiedTimedRecord, simplifyProperty } from '../simplify';
import type { OperationDefinition } from '../types';

/**
 * coreplus states no maximum range for slot searches; one search is kept to a month so a
 * mistyped year cannot ask for a year of every practitioner's diary. Longer: several searches.
 */
export const MAX_SLOT_SEARCH_DAYS = 31;

const properties: INodeProperties[] = [
	...dateRangeProperties,
	{
		...appointmentTypePicker({ description: 'If set, free time is split into slots of this type\'s duration; otherwise each free stretch is one slot' }),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			practitionerPicker({ name: 'practitionerIds', displayName: 'Practitioners', multiple: true, description: 'Only these practitioners (default: all)' }),
			locationPicker({ name: 'locationIds', displayName: 'Locations', multiple: true, description: 'Only these locations (default: all)' }),
			{
				displayName: 'Specialty IDs',
				name: 'specialtyIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1a2b3c4d-..., 5e6f7a8b-...',
				description: 'Only practitioners with these specialties; comma-separated coreplus specialty IDs',
			},
		],
	},
	...returnAllOrLimit,
	simplifyProperty('slot'),
	requestOptions,
];

/**
 * `GET AvailabilitySlot/`. The response shape is not documented; the node reads
 * `availabilitySlots` (inferred, like the documented lists) and returns one item per slot.
 */
export const getManyAvailabilitySlots: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many availability slots',
	description: 'Find free slots in a date range, optionally for given practitioners, locations, specialties and an appointment type',
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const practitionerIds = readPickedIds(this, 'filters.practitionerIds', itemIndex, 'Practitioners');
		const locationIds = readPickedIds(this, 'filters.locationIds', itemIndex, 'Locations');
		const specialtyIds = readPickedIds(this, 'filters.specialtyIds', itemIndex, 'Specialty IDs');
		const appointmentTypeId = readPickedId(this, 'appointmentTypeId', itemIndex, 'Appointment Type', false);
		const limit = readLimit(this, itemIndex);
		const transport = readRequestOptions(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const range = await readDateRange(this, itemIndex, MAX_SLOT_SEARCH_DAYS);
		// Documented as repeatable keys: arrays become `practitionerId=a&practitionerId=b` (url.ts).
		const query = { ...range, practitionerId: practitionerIds, locationId: locationIds, specialtyId: specialtyIds, appointmentTypeId };
		const slots = await coreplusRequestAllItems(this, { endpoint: 'AvailabilitySlot/', query, itemIndex, ...transport }, 'availabilitySlots', limit);
		if (simplify) return await Promise.all(slots.map(async (slot) => await simplifiedTimedRecord(this, itemIndex, slot)));
		return slots.map(withIsoTimes);
	},
};
