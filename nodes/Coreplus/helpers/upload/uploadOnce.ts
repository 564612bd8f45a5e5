import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { recallWrite, rememberWrite } from '../rules/writeFates';
import { asNodeError } from '../validation/errors';

/** What became of an upload sent at most once per execution. */
export type UploadOutcome =
	{ answer: unknown; alreadyStored?: undefined } | { alreadyStored: true };

/**
 * Sends an upload (Client File, Message) at most once per execution and item: n8n's Retry On Fail
 * runs the node again in the same execution, and a second upload would file a second copy. One
 * stored in an earlier attempt is reported `alreadyStored`; one whose answer was lost (now or in an
 * earlier attempt) fails with `lost(reason)`, never sent again. `key` names what is uploaded.
 */
export async function uploadOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	key: unknown,
	send: () => Promise<unknown>,
	lost: (reason: string) => NodeOperationError,
): Promise<UploadOutcome> {
	const fate = recallWrite<{ reason: string }>(context, itemIndex, key);
	if (fate?.state === 'done') return { alreadyStored: true };
	if (fate?.state === 'unknown')
		throw lost(`an earlier attempt's answer was lost in this execution: ${fate.reason}`);
	let answer: unknown;
	try {
		answer = await send();
	} catch (error) {
		if (!writeOutcomeUnknown(error)) throw asNodeError(context.getNode(), error, itemIndex);
		const reason = (error as Error).message;
		rememberWrite(context, itemIndex, key, { state: 'unknown', reason });
		throw lost(reason);
	}
	rememberWrite(context, itemIndex, key, { state: 'done' });
	return { answer };
}
