import { NodeApiError } from 'n8n-workflow';

import { CoreplusOutcomeUnknownError } from '../../transport/request';

/** A gateway that gave up after forwarding the request leaves the outcome as open as a lost answer. */
const GATEWAY_GAVE_UP = new Set(['502', '504']);

/** Whether a failed write may nevertheless have been carried out by coreplus (its answer lost). */
export function writeOutcomeUnknown(error: unknown): boolean {
	return (
		error instanceof CoreplusOutcomeUnknownError ||
		(error instanceof NodeApiError && GATEWAY_GAVE_UP.has(String(error.httpCode)))
	);
}
