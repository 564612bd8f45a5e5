import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../../transport/paginate';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from '../common';
import { normalizeCoreplusDateTime } from '../dates';
import type { OperationDefinition } from '../types';

/** coreplus sends dates of birth as "1972-07-02T00:00:00"; `dateOfBirthIso` is the plain date. */
function withIsoDateOfBirth(client: IDataObject): IDataObject {
	const normalized = normalizeCoreplusDateTime(client.dateOfBirth);
	return normalized ? { ...client, dateOfBirthIso: normalized.slice(0, 10) } : client;
}

// GET Client/ documents paging only (its "Additional Parameter" section was not recoverable), so
// no filters are offered. Needs the VIEW_CLIENTLIST permission.
export const getManyClients: OperationDefinition = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many clients',
	description: "List the practice's clients, one item per client",
	properties: [...returnAllOrLimit, requestOptions],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clients = await coreplusRequestAllItems(this, { endpoint: 'Client/', itemIndex, ...readRequestOptions(this, itemIndex) }, 'clients', readLimit(this, itemIndex));
		return clients.map(withIsoDateOfBirth);
	},
};
