import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LISTS, readList } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import {
	readLimit,
	readRequestOptions,
	requestOptions,
	returnAllOrLimit,
} from '../../helpers/parameters/parameters';
import { dateRangeProperties, readDateRange } from '../../helpers/parameters/dateRange';
import {
	appointmentTypePicker,
	locationPicker,
	practitionerPicker,
	readPickedId,
	readPickedIds,
} from '../../helpers/parameters/pickers';
import { readSimplify, simplifyProperty, timedRows } from '../../helpers/output/simplify';
import type { OperationDefinition } from '../types';
import { checkBoolean, invalidParameter } from '../../helpers/validation/validation';
import { sameId } from '../../helpers/rules/ids';

/**
 * coreplus states no maximum range for slot searches; one search is kept to a month so a
 * mistyped year cannot ask for a year of every practitioner's diary. Longer: several searches.
 */
const MAX_SLOT_SEARCH_DAYS = 31;

/**
 * Filter ids travel as repeated query keys; web servers refuse request lines beyond a few
 * kilobytes (HTTP 431/414). The filters' share of the URL is kept under this many characters,
 * about 60 GUIDs; a longer list is refused before anything is sent.
 */
const MAX_FILTER_QUERY_CHARS = 3000;

function checkFilterLength(
	context: IExecuteFunctions,
	itemIndex: number,
	filters: Array<{ label: string; key: string; ids: string[] }>,
) {
	const length = filters.reduce(
		(sum, { key, ids }) => sum + ids.reduce((chars, id) => chars + key.length + id.length + 2, 0),
		0,
	);
	if (length <= MAX_FILTER_QUERY_CHARS) return;
	const largest = filters.reduce((a, b) => (b.ids.length > a.ids.length ? b : a));
	throw invalidParameter(
		context,
		itemIndex,
		largest.label,
		`${largest.ids.length} IDs make the request URL too long (${length} characters of filters; servers refuse URLs of a few thousand)`,
		`at most about ${MAX_FILTER_QUERY_CHARS} characters of IDs in all (about 60 IDs); leave the filter empty to search all, or split the IDs over several items`,
	);
}

const properties: INodeProperties[] = [
	...dateRangeProperties,
	{
		displayName: 'Only This Location',
		name: 'onlyTimeZoneLocation',
		type: 'boolean',
		default: false,
		description:
			'Whether to search only at the Time Zone Location, so the clinic is picked once for both',
		displayOptions: { show: { timeZoneSource: ['location'] } },
	},
	{
		...appointmentTypePicker({
			description:
				"If set, free time is split into slots of this type's duration; otherwise each free stretch is one slot",
		}),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			practitionerPicker({
				name: 'practitionerIds',
				displayName: 'Practitioners',
				multiple: true,
				description: 'Only these practitioners (default: all)',
			}),
			locationPicker({
				name: 'locationIds',
				displayName: 'Locations',
				multiple: true,
				description: 'Only these locations (default: all)',
			}),
			{
				displayName: 'Specialty IDs',
				name: 'specialtyIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1a2b3c4d-..., 5e6f7a8b-...',
				description:
					'Only practitioners with these specialties; comma-separated coreplus specialty IDs',
			},
		],
	},
	...returnAllOrLimit,
	simplifyProperty('slot'),
	requestOptions,
];

/**
 * `GET AvailabilitySlot/`. The response shape is not documented; the node reads `timeslots`, the
 * key public clients of the live API read (see endpoints.ts), and returns one item per slot.
 */
export const getManyAvailabilitySlots: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many availability slots',
	description:
		"Find free appointment slots between two dates (at most 31 days). Needs the dates and a time zone (a location's, or a timezone ID); optionally practitioners, locations, specialties and an appointment type (slots then last its duration). Dates are calendar days in that zone. Returns one item per slot with practitioner, location and type IDs and names, and start/end as local time and ISO 8601.",
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const practitionerIds = readPickedIds(
			this,
			'filters.practitionerIds',
			itemIndex,
			'Practitioners',
		);
		const locationIds = readPickedIds(this, 'filters.locationIds', itemIndex, 'Locations');
		if (
			this.getNodeParameter('timeZoneSource', itemIndex, 'location') === 'location' &&
			checkBoolean(
				this,
				itemIndex,
				this.getNodeParameter('onlyTimeZoneLocation', itemIndex, false),
				'Only This Location',
			)
		) {
			const zoneLocation = readPickedId(
				this,
				'timeZoneLocationId',
				itemIndex,
				'Time Zone Location',
			)!;
			if (!locationIds.some((id) => sameId(id, zoneLocation))) locationIds.push(zoneLocation);
		}
		const specialtyIds = readPickedIds(this, 'filters.specialtyIds', itemIndex, 'Specialty IDs');
		const appointmentTypeId = readPickedId(
			this,
			'appointmentTypeId',
			itemIndex,
			'Appointment Type',
			false,
		);
		checkFilterLength(this, itemIndex, [
			{ label: 'Practitioners', key: 'practitionerId', ids: practitionerIds },
			{ label: 'Locations', key: 'locationId', ids: locationIds },
			{ label: 'Specialty IDs', key: 'specialtyId', ids: specialtyIds },
		]);
		const limit = readLimit(this, itemIndex);
		const requestSettings = readRequestOptions(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const range = await readDateRange(this, itemIndex, MAX_SLOT_SEARCH_DAYS);
		// Documented as repeatable keys: arrays become `practitionerId=a&practitionerId=b` (url.ts).
		const query = {
			...range,
			practitionerId: practitionerIds,
			locationId: locationIds,
			specialtyId: specialtyIds,
			appointmentTypeId,
		};
		const slots = await readList(
			this,
			LISTS.availabilitySlot,
			{ query, itemIndex, notice: noticeFor(this), ...requestSettings },
			limit,
		);
		return await timedRows(this, itemIndex, slots, simplify);
	},
};
