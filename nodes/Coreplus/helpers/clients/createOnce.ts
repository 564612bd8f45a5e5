import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { forgetDirectory } from '../directory/directoryLists';
import { asNodeError } from '../validation/errors';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { listRowOf, sendCreateClient } from './sendCreateClient';
import { findClients } from './findClients';
import { describeIdentity, type ClientIdentity } from '../rules/matchClient';
import { clientKey, graceEndsAt, unsettledSince } from './unsettledCreates';

export interface CreatedClient {
	/** The list row the client has (or, after a lost answer, the row found). */
	row: IDataObject;
	recoveredAfterLostResponse?: true;
}

/**
 * A create of this person got no answer and no look-up has found them since: coreplus may still
 * be saving it. Nothing is sent; the item says what to check.
 */
function outcomeUnknown(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
	sentAt: Date,
	lookUp: string,
) {
	return new NodeOperationError(
		context.getNode(),
		`Outcome unknown: whether the client ${describeIdentity(wanted)} was created is unknown: a create sent at ${sentAt.toISOString()} got no answer, and ${lookUp}`,
		{
			itemIndex,
			description: `The node did not create them again (coreplus may still be saving the first create). Check coreplus' client list for ${describeIdentity(wanted)}. Once they show there, run it again: Find or Create matches them. While no look-up finds them, this person is not created again by this execution, nor by this n8n process before ${graceEndsAt(sentAt)}.`,
		},
	);
}

/** When a create of this person is unsettled, the look-up that may settle it; else undefined. */
async function lookUpUnsettled(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
): Promise<IDataObject[] | undefined> {
	const sentAt = unsettledSince(context, clientKey(context, wanted));
	if (!sentAt) return undefined;
	let found: IDataObject[];
	try {
		found = await findClients(context, itemIndex, wanted);
	} catch (lookUpError) {
		forgetDirectory(context, 'clients');
		const reason = `the look-up failed (${(lookUpError as Error).message})`;
		throw outcomeUnknown(context, itemIndex, wanted, sentAt, reason);
	}
	if (found.length) return found;
	throw outcomeUnknown(context, itemIndex, wanted, sentAt, 'the look-up does not find them');
}

/**
 * For Client → Create: after an unsettled create of the same person, the client a look-up finds
 * (exactly one), or the "outcome unknown" failure. Undefined: nothing unsettled, create as usual.
 */
export async function recoverUnsettled(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
): Promise<IDataObject | undefined> {
	const found = await lookUpUnsettled(context, itemIndex, wanted);
	if (!found) return undefined;
	if (found.length === 1) return found[0];
	const ids = found.map((client) => String(client.clientId)).join(', ');
	throw new NodeOperationError(
		context.getNode(),
		`${found.length} clients match ${describeIdentity(wanted)}: ${ids}; an earlier create of this person got no answer`,
		{ itemIndex, description: 'Nothing was created. Merge the duplicates in coreplus.' },
	);
}

/**
 * `POST Client/` for Find or Create, never twice for one person. When the answer is lost, the
 * client may exist: the person is looked up afresh (the execution's list was dropped); found, they
 * are the result; not found, the item fails "outcome unknown" and the person stays unsettled
 * (unsettledCreates.ts): a retry creates them only once a look-up has shown they do not exist and
 * the grace period is over.
 */
export async function createOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	wanted: ClientIdentity,
): Promise<CreatedClient> {
	// Find or Create has just looked them up and found nobody.
	const sentAt = unsettledSince(context, clientKey(context, wanted));
	if (sentAt)
		throw outcomeUnknown(context, itemIndex, wanted, sentAt, 'the look-up does not find them');
	try {
		const created = await sendCreateClient(context, itemIndex, body);
		return { row: listRowOf(body, created) };
	} catch (error) {
		// sendCreateClient has dropped the execution's list and noted the person as unsettled.
		if (!writeOutcomeUnknown(error)) throw asNodeError(context.getNode(), error, itemIndex);
		const found = await lookUpUnsettled(context, itemIndex, wanted);
		if (found?.length === 1) return { row: found[0], recoveredAfterLostResponse: true };
		forgetDirectory(context, 'clients');
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
