import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { CoreplusCredentials } from './credentials';
import { redactSecrets } from './redact';

/**
 * coreplus refusing a request. Its refusals are `{ "result": [ { "severity": 2, "reason": "…" } ] }`
 * (documented for errors), and public clients of the live API read that body whatever the HTTP
 * status: the 2025 Acuity sync gets a refused booking that way and no client checks the status, so
 * it may even come with a 2xx (docs/coreplus-api.md#refusals). Rule: a refusal is a `result[]` entry of
 * severity 2 or more (or without a readable severity) in an answer that carries no data (no
 * record, no non-empty list), whatever its status. Entries of severity 0 or 1 are information:
 * never a failure, shown as a notice; so is a refusing entry beside data.
 */

/** Envelope keys that never hold data. */
const ENVELOPE_KEYS = new Set(['result', 'statusmessages', 'paging']);

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

interface ResultEntry {
	reason: string;
	/** Undefined when the entry gives none the node can read (then it counts as refusing). */
	severity?: number;
}

/** The entries of a `result[]` with a reason (`{ reason, severity }` or plain strings). */
function resultEntries(body: unknown): ResultEntry[] {
	if (!isObject(body) || !Array.isArray(body.result)) return [];
	return (body.result as unknown[]).flatMap((entry): ResultEntry[] => {
		const reason = typeof entry === 'string' ? entry : isObject(entry) ? entry.reason : undefined;
		if (typeof reason !== 'string' || !reason.trim()) return [];
		const raw = isObject(entry) ? entry.severity : undefined;
		const severity = raw === null || raw === '' || raw === undefined ? NaN : Number(raw);
		return [{ reason, ...(Number.isFinite(severity) ? { severity } : {}) }];
	});
}

const refuses = (entry: ResultEntry) => entry.severity === undefined || entry.severity >= 2;

/** The texts of the refusing entries of a `result[]` (severity 2 or more, or none). */
export function resultReasons(body: unknown): string[] {
	return resultEntries(body)
		.filter(refuses)
		.map((entry) => entry.reason);
}

/** Whether an answer carries data: a record (an object) or a non-empty list beside the envelope. */
function carriesData(answer: IDataObject): boolean {
	return Object.keys(answer).some((key) => {
		if (ENVELOPE_KEYS.has(key.toLowerCase())) return false;
		const value = answer[key];
		return isObject(value) || (Array.isArray(value) && value.length > 0);
	});
}

/** coreplus' reasons when the answer is a refusal (refusing entries in `result[]`, no data beside them). */
export function refusalReasons(answer: unknown): string[] | undefined {
	const reasons = resultReasons(answer);
	if (!reasons.length || !isObject(answer)) return undefined;
	return carriesData(answer) ? undefined : reasons;
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
			'coreplus answered with its refusal body ("result" with a reason of severity 2 or more) and no data: it did not act on the request.',
		itemIndex,
	});
	refusalParts.set(error, { what, reasons, itemIndex });
	return error;
}

/**
 * Throws coreplus' refusal, if the answer (received with a 2xx) is one. Otherwise its `result[]`
 * texts (information, or a note beside the data) go to `notice`, with any token removed.
 */
export function throwIfRefused(
	node: INode,
	what: string,
	answer: unknown,
	itemIndex?: number,
	notice?: (message: string) => void,
) {
	const reasons = refusalReasons(answer);
	if (reasons) throw refusalError(node, what, reasons, itemIndex);
	const notes = resultEntries(answer).map((entry) => entry.reason);
	if (notes.length && notice)
		notice(redactSecrets(`coreplus answered ${what} with a note: ${notes.join('; ')}`));
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
