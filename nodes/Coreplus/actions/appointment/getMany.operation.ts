import type { IExecuteFunctions } from 'n8n-workflow';

import { LISTS, readList } from '../../transport/endpoints';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from '../common';
import { dateRangeProperties, readDateRange } from '../dateRange';
import type { OperationDefinition } from '../types';
import { withIsoTimes } from './normalise';

export const getManyAppointments: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many appointments',
	description: 'List the appointments that start in a date range, in a time zone',
	properties: [
		...dateRangeProperties,
		{
			displayName: 'Include Practitioner Profiles',
			name: 'getPractitionerProfiles',
			type: 'boolean',
			default: false,
			description: "Whether to add each practitioner's first and last name",
		},
		...returnAllOrLimit,
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const limit = readLimit(this, itemIndex);
		const transport = readRequestOptions(this, itemIndex);
		const profiles = this.getNodeParameter('getPractitionerProfiles', itemIndex, false) === true;
		// coreplus documents no maximum range for this list.
		const range = await readDateRange(this, itemIndex);
		const query = { ...range, getPractitionerProfiles: profiles ? true : undefined };
		const rows = await readList(this, LISTS.appointment, { query, itemIndex, ...transport }, limit);
		return rows.map(withIsoTimes);
	},
};
