import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { CoreplusCredentials } from './credentials';
import { redactSecrets } from './redact';

/**
 * coreplus refusing a request. Its refusals are `{ "result": [ { "severity": 2, "reason": "…" } ] }`
 * (documented for errors), and public clients of the live API read that body whatever the HTTP
 * status: the 2025 Acuity sync gets a refused booking that way and no client checks the status, so
 * it may even come with a 2xx (docs/coreplus-api.md#refusals). Rule: an answer whose `result[]` holds a
 * reason and which carries no record is a refusal, whatever its status.
 */

/** Envelope keys that never hold a record. */
const ENVELOPE_KEYS = new Set(['result', 'statusmessages', 'paging']);

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The texts of a `result[]` (entries `{ reason }` or plain strings). */
export function resultReasons(body: unknown): string[] {
	if (!isObject(body) || !Array.isArray(body.result)) return [];
	return (body.result as unknown[])
		.map((entry) =>
			typeof entry === 'string' ? entry : isObject(entry) ? entry.reason : undefined,
		)
		.filter((reason): reason is string => typeof reason === 'string' && reason.trim().length > 0);
}

/** coreplus' reasons when the answer is a refusal (reasons in `result[]`, no record beside them). */
export function refusalReasons(answer: unknown): string[] | undefined {
	const reasons = resultReasons(answer);
	if (!reasons.length || !isObject(answer)) return undefined;
	const holdsRecord = Object.keys(answer).some(
		(key) => !ENVELOPE_KEYS.has(key.toLowerCase()) && isObject(answer[key]),
	);
	return holdsRecord ? undefined : reasons;
}

/** A refusal that came with a success status: coreplus did not act, the item fails with its reason. */
export class CoreplusRefusalError extends NodeApiError {}

// What a refusal was built from, kept off the error itself: n8n serialises errors whole, and the
// raw reasons may hold a secret the reader could not redact yet.
const refusalParts = new WeakMap<
	CoreplusRefusalError,
	{ what: string; reasons: string[]; itemIndex?: number }
>();

function refusalError(
	node: INode,
	what: string,
	reasons: string[],
	itemIndex: number | undefined,
	credentials?: Partial<CoreplusCredentials>,
): CoreplusRefusalError {
	// Server text: the credential's secrets and any token are removed, as for every other refusal.
	const message = redactSecrets(
		`coreplus refused ${what} (answered as a success): ${reasons.join('; ')}`,
		credentials,
	);
	const error = new CoreplusRefusalError(node, { message } as JsonObject, {
		message,
		description:
			'coreplus answered with its refusal body ("result" with a reason) and no record: it did not act on the request.',
		itemIndex,
	});
	refusalParts.set(error, { what, reasons, itemIndex });
	return error;
}

/** Throws coreplus' refusal, if the answer (received with a 2xx) is one. */
export function throwIfRefused(node: INode, what: string, answer: unknown, itemIndex?: number) {
	const reasons = refusalReasons(answer);
	if (reasons) throw refusalError(node, what, reasons, itemIndex);
}

/** The same refusal with the credential's secrets removed from its text (the reader has no credential). */
export function redactRefusal(
	node: INode,
	error: CoreplusRefusalError,
	credentials: Partial<CoreplusCredentials>,
): CoreplusRefusalError {
	const { what, reasons, itemIndex } = refusalParts.get(error)!;
	return refusalError(node, what, reasons, itemIndex, credentials);
}

/**
 * coreplus' wordings for a taken slot: the live API's "The selected time is not available for
 * booking an appointment" (2025 Acuity sync) and the older "time slot"/"timeslot not available"
 * ones. Other "not available" texts ("Service not available") say nothing about the slot.
 */
const SLOT_TAKEN =
	/\b(selected time is not available|time ?slot (is )?(not available|unavailable|already booked))\b/i;

/**
 * Whether a failed booking or reschedule means "that time is taken": a 409, or a refusal naming the
 * slot at a 4xx or with a success status (CoreplusRefusalError).
 */
export function isConflict(error: unknown): error is NodeApiError {
	if (!(error instanceof NodeApiError)) return false;
	const status = String(error.httpCode);
	if (status === '409') return true;
	const refused = error instanceof CoreplusRefusalError || /^4\d\d$/.test(status);
	return refused && SLOT_TAKEN.test(error.message);
}
