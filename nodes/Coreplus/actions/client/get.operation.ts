import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { fetchClient } from '../../helpers/clients/fetchClient';
import { asNodeError } from '../../helpers/validation/errors';
import { readRequestOptions, requestOptions } from '../../helpers/parameters/parameters';
import { clientPicker, readPickedId } from '../../helpers/parameters/pickers';
import { readSimplify, simplifiedClient, simplifyProperty } from '../../helpers/output/simplify';
import type { OperationDefinition } from '../types';
import { withIsoDateOfBirth } from './getMany.operation';

function notFound(context: IExecuteFunctions, itemIndex: number, id: string, error: NodeApiError) {
	return new NodeOperationError(context.getNode(), `No client with ID ${id} in coreplus`, {
		itemIndex,
		description: `GET Client/${id} answered HTTP 404 (${error.message}). Check the ID (e.g. from Find or Get Many); if every ID gives this, the endpoint may not be enabled for your add-on.`,
	});
}

export const getClient: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get a client',
	description:
		"Read one client by ID: the full record, with addresses and phone numbers that the client list leaves out. Simplify gives the same flat item as Get Many's.",
	properties: [
		clientPicker({ description: 'The client to read' }),
		simplifyProperty('client'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = readPickedId(this, 'clientId', itemIndex, 'Client')!;
		const simplify = readSimplify(this, itemIndex);
		let client: IDataObject;
		try {
			client = await fetchClient(this, id, { itemIndex, ...readRequestOptions(this, itemIndex) });
		} catch (error) {
			if (error instanceof NodeApiError && String(error.httpCode) === '404')
				throw notFound(this, itemIndex, id, error);
			throw asNodeError(this.getNode(), error, itemIndex);
		}
		return simplify ? await simplifiedClient(this, itemIndex, client) : withIsoDateOfBirth(client);
	},
};
