import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { readRecordAnswer } from '../../transport/envelope';
import {
	coreplusRequest,
	type CoreplusContext,
	type CoreplusRequest,
} from '../../transport/request';
import { asNodeError } from '../../helpers/validation/errors';
import { readRequestOptions, requestOptions } from '../../helpers/parameters/parameters';
import { clientPicker, readPickedId } from '../../helpers/parameters/pickers';
import { noticeFor } from '../../helpers/output/notices';
import { readSimplify, simplifiedClient, simplifyProperty } from '../../helpers/output/simplify';
import type { OperationDefinition } from '../types';
import { withIsoDateOfBirth } from './getMany.operation';

// `GET Client/{id}` answers the bare client record (the 2020 Flask client reads `firstName`,
// `addressResidential` etc. at the top level: docs/coreplus-api.md#client-get). Anything else goes through the
// envelope rule: `{ client: {...} }` (the create's key) is read, another single key with a notice,
// an unreadable answer fails naming the endpoint.
const CLIENT_RECORD = { recordKey: 'client', idField: 'clientId' };
const IDENTITY_KEYS = ['clientId', 'firstName', 'lastName'];

/** The client of the answer; the id asked for stands in when the bare record does not repeat it. */
function clientOf(context: CoreplusContext, id: string, answer: unknown, itemIndex?: number) {
	const bare =
		typeof answer === 'object' &&
		answer !== null &&
		!Array.isArray(answer) &&
		IDENTITY_KEYS.some((key) => key in answer);
	const record = bare
		? (answer as IDataObject)
		: readRecordAnswer(
				context,
				`GET Client/${id}`,
				CLIENT_RECORD,
				answer,
				noticeFor(context),
				itemIndex,
			);
	return { clientId: id, ...record };
}

/** `GET Client/{id}`, read as above (also used by `npm run conformance`). */
export async function fetchClient(
	context: CoreplusContext,
	id: string,
	request: Omit<CoreplusRequest, 'method' | 'endpoint'> = {},
): Promise<IDataObject> {
	const answer = await coreplusRequest<unknown>(context, {
		...request,
		method: 'GET',
		endpoint: `Client/${encodeURIComponent(id)}`,
	});
	return clientOf(context, id, answer, request.itemIndex);
}

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
