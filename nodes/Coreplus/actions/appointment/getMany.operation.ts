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

export const getManyAppointments: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many appointments',
	description:
		"List the appointments that start between two dates. Needs the dates and a time zone (a location's, or a timezone ID); dates are calendar days in that zone. Returns one item per appointment with IDs, names and local and ISO times.",
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
		// coreplus documents no maximum range for this list.
		const range = await readDateRange(this, itemIndex);
		const query = { ...range, getPractitionerProfiles: profiles ? true : undefined };
		const rows = await readList(
			this,
			LISTS.appointment,
			{ query, itemIndex, notice: noticeFor(this), ...requestSettings },
			limit,
		);
		return await timedRows(this, itemIndex, rows, simplify);
	},
};
