import type { IExecuteFunctions } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../../transport/paginate';
import { readLimit, returnAllOrLimit } from '../common';
import type { OperationDefinition } from '../types';

// Inferred endpoint: coreplus references "GetLocations" and signs `.../location/` in its examples,
// but publishes no page for it.
export const getManyLocations: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many locations',
	description: "List the practice's locations, with the timezone ID that slot and appointment searches need",
	properties: [...returnAllOrLimit],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await coreplusRequestAllItems(this, { endpoint: 'Location/', itemIndex }, 'locations', readLimit(this, itemIndex));
	},
};
