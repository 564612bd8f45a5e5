import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { UnreadableWriteAnswerError } from '../../transport/envelope';
import { announce } from './notices';
import type { CoreplusContext } from '../../transport/request';
import { asNodeError } from '../validation/errors';

/**
 * The item for a write coreplus accepted (2xx) whose answer names no record the node could read,
 * when reading back could not find it either: it was made, its id is unknown. A success, never an
 * error, so that no retry or re-run makes it twice; `check` says what to look at in coreplus.
 */
export function madeIdUnknown(
	context: CoreplusContext,
	idField: string,
	answer: unknown,
	check: string,
): IDataObject {
	// The check may name a patient: it goes to the item only, not to the log.
	announce(
		context,
		`coreplus accepted the request but its answer held no ${idField}: it was made, its id is unknown (see "check" in the output before running it again)`,
	);
	return {
		made: true,
		idUnknown: true,
		[idField]: null,
		check,
		// Passed on as it came, for whoever investigates.
		response: (answer ?? null) as IDataObject,
	};
}

/**
 * Runs a create. An answer coreplus accepted (2xx) but the node cannot read becomes "made, id
 * unknown" (above) instead of an error that would invite a second create.
 */
export async function createdOrMadeIdUnknown(
	context: IExecuteFunctions,
	itemIndex: number,
	made: { idField: string; check: string },
	create: () => Promise<IDataObject>,
): Promise<IDataObject> {
	try {
		return await create();
	} catch (error) {
		if (!(error instanceof UnreadableWriteAnswerError))
			throw asNodeError(context.getNode(), error, itemIndex);
		return madeIdUnknown(context, made.idField, error.answer, made.check);
	}
}
