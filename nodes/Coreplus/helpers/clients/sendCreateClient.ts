import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RECORDS, writeRecord } from '../../transport/endpoints';
import { UnreadableWriteAnswerError } from '../../transport/envelope';
import { forgetDirectory, rememberInDirectory } from '../directory/directoryLists';
import { noticeFor } from '../output/notices';
import { readRequestOptions } from '../parameters/parameters';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { asNodeError } from '../validation/errors';
import { clientKey, noteUnsettled } from './unsettledCreates';

/** The identity a create body names (its date of birth already yyyy-mm-dd). */
export function identityOfBody(body: IDataObject) {
	return {
		firstName: String(body.firstName),
		lastName: String(body.lastName),
		dateOfBirth: String(body.dateOfBirth),
	};
}

/** The list row a client created from `body` will have, so later items of the execution match it. */
export function listRowOf(body: IDataObject, created: IDataObject): IDataObject {
	return { ...body, ...created, dateOfBirth: `${String(body.dateOfBirth)}T00:00:00` };
}

/**
 * `POST Client/`; returns coreplus' answer (`{ client: { clientId } }` unwrapped). The execution's
 * client list learns every create: a client made is added to it, and after a lost answer it is
 * dropped, so the next look-up reads coreplus afresh, and the person is remembered as unsettled
 * (unsettledCreates.ts) so that nothing creates them again blindly.
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
		if (writeOutcomeUnknown(error))
			noteUnsettled(context, clientKey(context, identityOfBody(body)));
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
