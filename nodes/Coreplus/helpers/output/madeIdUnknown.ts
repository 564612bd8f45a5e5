import type { IDataObject } from 'n8n-workflow';

import { announce } from '../../transport/envelope';
import type { CoreplusContext } from '../../transport/request';

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
