import type { IExecuteFunctions } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../../transport/paginate';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from '../common';
import type { OperationDefinition } from '../types';

// Inferred endpoint: booking pages say "see endpoint 'Specialty Types'" and the create page posts
// to appointmenttype/; the list is assumed at the same path with the documented list envelope.
export const getManyAppointmentTypes: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many appointment types',
	description: "List the practice's appointment types, with the IDs that slot searches and bookings need",
	properties: [...returnAllOrLimit, requestOptions],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await coreplusRequestAllItems(this, { endpoint: 'AppointmentType/', itemIndex, ...readRequestOptions(this, itemIndex) }, 'appointmentTypes', readLimit(this, itemIndex));
	},
};
