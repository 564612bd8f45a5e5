import type { IExecuteFunctions } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../../transport/paginate';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from '../common';
import type { OperationDefinition } from '../types';

// Inferred endpoint: the availability-slot page says "see endpoint 'Practitioner'" but coreplus
// publishes no page for it; the envelope is assumed to follow the documented lists.
export const getManyPractitioners: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many practitioners',
	description: "List the practice's practitioners, with the IDs that slot searches and bookings need",
	properties: [...returnAllOrLimit, requestOptions],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await coreplusRequestAllItems(this, { endpoint: 'Practitioner/', itemIndex, ...readRequestOptions(this, itemIndex) }, 'practitioners', readLimit(this, itemIndex));
	},
};
