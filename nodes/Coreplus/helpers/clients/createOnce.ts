import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { forgetDirectory } from '../directory/directoryLists';
import { asNodeError } from '../validation/errors';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { listRowOf, sendCreateClient } from './sendCreateClient';
import { findClients } from './findClients';
import { describeIdentity, type ClientIdentity } from '../rules/matchClient';

export interface CreatedClient {
	/** The list row the client has (or, after a lost answer, the row found). */
	row: IDataObject;
	recoveredAfterLostResponse?: true;
}

/**
 * The person was looked up fresh after the create's answer was lost, and the look-up failed too:
 * whether coreplus created them is unknown, and the execution's list is dropped so that a retry
 * (Retry On Fail) or a later item looks them up again before creating.
 */
function fateUnknown(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
	lookUpError: unknown,
) {
	return new NodeOperationError(
		context.getNode(),
		`Whether the client ${describeIdentity(wanted)} was created is unknown: the answer to the create was lost and the look-up failed (${(lookUpError as Error).message})`,
		{
			itemIndex,
			description:
				'Run it again: Find or Create looks the person up afresh before creating. Or check the client list in coreplus.',
		},
	);
}

/**
 * `POST Client/` for Find or Create, never twice for one person. When the answer
 * is lost, the client may exist: the person is looked up afresh (the execution's list was
 * dropped); found, they are the result; not found, the create's error stands and the next attempt
 * reads coreplus afresh again before creating.
 */
export async function createOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	wanted: ClientIdentity,
): Promise<CreatedClient> {
	try {
		const created = await sendCreateClient(context, itemIndex, body);
		return { row: listRowOf(body, created) };
	} catch (error) {
		// sendCreateClient has dropped the execution's list after a lost answer.
		if (!writeOutcomeUnknown(error)) throw asNodeError(context.getNode(), error, itemIndex);
		let found: IDataObject[];
		try {
			found = await findClients(context, itemIndex, wanted);
		} catch (lookUpError) {
			forgetDirectory(context, 'clients');
			throw fateUnknown(context, itemIndex, wanted, lookUpError);
		}
		if (found.length === 1) return { row: found[0], recoveredAfterLostResponse: true };
		forgetDirectory(context, 'clients');
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
