import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RECORDS, writeRecord } from '../../transport/endpoints';
import { UnreadableWriteAnswerError } from '../../transport/envelope';
import { forgetDirectory, rememberInDirectory } from '../directory/directoryLists';
import { noticeFor } from '../output/notices';
import { readRequestOptions } from '../parameters/parameters';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { asNodeError } from '../validation/errors';

/** The list row a client created from `body` will have, so later items of the execution match it. */
export function listRowOf(body: IDataObject, created: IDataObject): IDataObject {
	return { ...body, ...created, dateOfBirth: `${String(body.dateOfBirth)}T00:00:00` };
}

/**
 * `POST Client/`; returns coreplus' answer (`{ client: { clientId } }` unwrapped). The execution's
 * client list learns every create: a client made is added to it, and after a
 * lost answer it is dropped, so the next look-up reads coreplus afresh.
 */
export async function sendCreateClient(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	try {
		const created = await writeRecord(context, RECORDS.createClient, {
			body,
			itemIndex,
			notice: noticeFor(context),
			...readRequestOptions(context, itemIndex),
		});
		rememberInDirectory(context, 'clients', listRowOf(body, created));
		return created;
	} catch (error) {
		// Lost, or accepted without a readable client: either may have made one the list lacks.
		if (writeOutcomeUnknown(error) || error instanceof UnreadableWriteAnswerError)
			forgetDirectory(context, 'clients');
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
