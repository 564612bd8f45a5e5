import type { IDataObject } from 'n8n-workflow';

import { withRefusalsRedacted } from '../../transport/endpoints';
import { readRecordAnswer } from '../../transport/envelope';
import {
	coreplusRequest,
	type CoreplusContext,
	type CoreplusRequest,
} from '../../transport/request';
import { noticeFor } from '../output/notices';

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

/** `GET Client/{id}`, read as above (Client → Get, the trigger's redelivery, `npm run conformance`). */
export async function fetchClient(
	context: CoreplusContext,
	id: string,
	request: Omit<CoreplusRequest, 'method' | 'endpoint'> = {},
): Promise<IDataObject> {
	return await withRefusalsRedacted(context, request.itemIndex, async () => {
		const answer = await coreplusRequest<unknown>(context, {
			...request,
			method: 'GET',
			endpoint: `Client/${encodeURIComponent(id)}`,
		});
		return clientOf(context, id, answer, request.itemIndex);
	});
}
