import type { IExecuteFunctions } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../../transport/paginate';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from '../common';
import type { OperationDefinition } from '../types';

// Inferred endpoint: coreplus references "GetLocations" and signs `.../location/` in its examples,
// but publishes no page for it.
export const getManyLocations: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many locations',
	description: "List the practice's locations, with the timezone ID that slot and appointment searches need",
	properties: [...returnAllOrLimit, requestOptions],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const request = { endpoint: 'Location/', itemIndex, ...readRequestOptions(this, itemIndex) };
		return await coreplusRequestAllItems(this, request, 'locations', readLimit(this, itemIndex));
	},
};
