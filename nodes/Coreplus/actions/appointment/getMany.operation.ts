import type { IExecuteFunctions } from 'n8n-workflow';

import { LISTS, readList } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import {
	readLimit,
	readRequestOptions,
	requestOptions,
	returnAllOrLimit,
} from '../../helpers/parameters/parameters';
import { dateRangeProperties, readDateRange } from '../../helpers/parameters/dateRange';
import { readSimplify, simplifyProperty, timedRows } from '../../helpers/output/simplify';
import type { OperationDefinition } from '../types';
import { checkBoolean } from '../../helpers/validation/validation';
import {
	appointmentFilters,
	filterAppointments,
	hasFilters,
	readAppointmentFilters,
} from '../../helpers/booking/appointmentFilters';

export const getManyAppointments: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many appointments',
	description:
		"List the appointments that start between two dates. Needs the dates and a time zone (a location's, or a timezone ID); dates are calendar days in that zone. Filters (client, patient, status, practitioner, location) are applied to the appointments of that range. Returns one item per appointment with IDs, names and local and ISO times.",
	properties: [
		...dateRangeProperties,
		{
			displayName: 'Include Practitioner Profiles',
			name: 'getPractitionerProfiles',
			type: 'boolean',
			default: false,
			description: "Whether to add each practitioner's first and last name",
		},
		appointmentFilters,
		...returnAllOrLimit,
		simplifyProperty('appointment'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const limit = readLimit(this, itemIndex);
		const requestSettings = readRequestOptions(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const profiles =
			checkBoolean(
				this,
				itemIndex,
				this.getNodeParameter('getPractitionerProfiles', itemIndex, false),
				'Include Practitioner Profiles',
			) === true;
		const filters = readAppointmentFilters(this, itemIndex);
		const filtered = hasFilters(filters);
		// coreplus documents no maximum range for this list.
		const range = await readDateRange(this, itemIndex);
		const query = { ...range, getPractitionerProfiles: profiles ? true : undefined };
		const listed = await readList(
			this,
			LISTS.appointment,
			{ query, itemIndex, notice: noticeFor(this), ...requestSettings },
			// Filtered: the whole range is read, so that Limit counts the appointments kept.
			filtered ? undefined : limit,
		);
		const rows = filtered ? await filterAppointments(this, itemIndex, listed, filters) : listed;
		return await timedRows(this, itemIndex, rows.slice(0, limit), simplify);
	},
};
