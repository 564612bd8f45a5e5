import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { CoreplusCredentials } from './credentials';
import { redactSecrets } from './redact';
import { throwIfRefused } from './refusals';
import type { CoreplusContext } from './request';

/**
 * Reading coreplus' answers. The list and record envelopes are documented for some endpoints and
 * inferred for the rest, so a real server may answer under another key. The rule: the expected key
 * is used when present; when it is absent and exactly one candidate exists (one array for a list,
 * one object for a record), that candidate is used and a notice says so; otherwise the read fails
 * naming the endpoint, the keys received and the key expected. Never a silent empty result.
 * Transport does not show notices itself (presentation sits above it): the caller passes a
 * `Notice` and shows what it is told (helpers/output/notices.ts).
 * Before any of that, coreplus' refusal body (`result[]` with a reason of severity 2 or more, no
 * data) fails the read or write with coreplus' reason, whatever the status it came with; its
 * informational entries become a notice (refusals.ts).
 */

/** What the node expects of one answer. */
export interface ListShape {
	/** Key of the rows in the list envelope, e.g. `locations`. */
	listKey: string;
	/** Field identifying a row, used to merge pages; rows without one are compared by content. */
	idField?: string;
}

export interface RecordShape {
	/** Key holding the record, e.g. `appointment`; undefined when the answer is the record itself. */
	recordKey?: string;
	/** Field a record always carries, e.g. `appointmentId`. */
	idField: string;
}

/**
 * How a read reports an answer it adapted to (read under another key, a bare list, a list that
 * ended before its announced total): the caller shows the message to the user.
 */
export type Notice = (message: string) => void;

// Envelope fields of coreplus' list answers: never a candidate for the rows or the record.
const ENVELOPE_FIELDS = new Set(['paging', 'statusmessages']);

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeKeys(answer: unknown): string {
	if (Array.isArray(answer)) return 'none (a bare list)';
	if (!isObject(answer))
		return answer === undefined || answer === null || answer === ''
			? 'none (an empty answer)'
			: `none (${typeof answer})`;
	const keys = Object.keys(answer);
	return keys.length ? keys.join(', ') : 'none (an empty object)';
}

/**
 * A write coreplus accepted (2xx) whose answer holds no record the node can read: coreplus has
 * probably acted. Callers that can find out what was made (Book, Client → Create) catch it; the
 * answer is kept so that it can be passed on as it came.
 */
export class UnreadableWriteAnswerError extends NodeOperationError {
	answer: unknown;
}

/** What a shape error was built from, kept off the error (n8n serialises errors whole). */
interface ShapeParts {
	what: string;
	expected: string;
	answer: unknown;
	itemIndex?: number;
	write: boolean;
}

const shapeParts = new WeakMap<NodeOperationError, ShapeParts>();

/**
 * An answer the node cannot read. The keys it names are server text (a server may echo the
 * request's Authorization header as a key): signed tokens are removed here, and the credential's
 * secrets by `redactShapeError` once the caller has the credential (endpoints.ts).
 */
function shapeError(
	context: CoreplusContext,
	what: string,
	expected: string,
	answer: unknown,
	itemIndex?: number,
	write = false,
	credentials?: Partial<CoreplusCredentials>,
) {
	const message = redactSecrets(
		`coreplus answered ${what} in a shape the node cannot read: expected ${expected}, received keys: ${describeKeys(answer)}`,
		credentials,
	);
	const error = shapeErrorOf(context, message, answer, itemIndex, write);
	shapeParts.set(error, { what, expected, answer, itemIndex, write });
	return error;
}

/** The same shape error with the credential's secrets removed too; other errors as they are. */
export function redactShapeError(
	context: CoreplusContext,
	error: unknown,
	credentials: Partial<CoreplusCredentials>,
): unknown {
	const parts = error instanceof NodeOperationError ? shapeParts.get(error) : undefined;
	if (!parts) return error;
	const { what, expected, answer, itemIndex, write } = parts;
	return shapeError(context, what, expected, answer, itemIndex, write, credentials);
}

function shapeErrorOf(
	context: CoreplusContext,
	message: string,
	answer: unknown,
	itemIndex: number | undefined,
	write: boolean,
) {
	if (write) {
		const error = new UnreadableWriteAnswerError(context.getNode(), message, {
			description:
				'coreplus accepted the request, so it has probably acted on it; it was not sent again. Check coreplus before retrying, and report this answer shape to the node maintainers.',
			itemIndex,
		});
		error.answer = answer;
		return error;
	}
	return new NodeOperationError(context.getNode(), message, {
		description:
			'The node does not guess which part of the answer holds the data. Run "npm run conformance" against this coreplus server and report the answer shape to the node maintainers.',
		itemIndex,
	});
}

/** Looks a key up ignoring case (a PascalCase `Paging` is still the paging block). */
function field(source: IDataObject, name: string): unknown {
	if (name in source) return source[name];
	const key = Object.keys(source).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : source[key];
}

export interface ListPage {
	rows: IDataObject[];
	totalRows?: number;
	/** The page size the server says it served (it may cap the one asked for). */
	pageSize?: number;
}

/** The rows and paging of one list answer, by the rule above. */
export function readListAnswer(
	context: CoreplusContext,
	what: string,
	shape: ListShape,
	answer: unknown,
	notice: Notice,
	itemIndex?: number,
): ListPage {
	const expected = `a "${shape.listKey}" list`;
	throwIfRefused(context.getNode(), what, answer, itemIndex, notice);
	if (Array.isArray(answer)) {
		notice(
			`coreplus answered ${what} with a bare list instead of ${expected} with paging; the node read the list as it is`,
		);
		return { rows: answer as IDataObject[] };
	}
	if (!isObject(answer)) throw shapeError(context, what, expected, answer, itemIndex);
	const paging = field(answer, 'paging');
	const number = (name: string) => {
		const value = isObject(paging) ? Number(field(paging, name)) : NaN;
		return Number.isFinite(value) ? value : undefined;
	};
	const page = (rows: unknown[]) => ({
		rows: rows as IDataObject[],
		totalRows: number('totalRows'),
		pageSize: number('pageSize'),
	});
	if (Array.isArray(answer[shape.listKey])) return page(answer[shape.listKey] as unknown[]);
	const candidates = Object.keys(answer).filter(
		(key) => !ENVELOPE_FIELDS.has(key.toLowerCase()) && Array.isArray(answer[key]),
	);
	if (candidates.length !== 1) throw shapeError(context, what, expected, answer, itemIndex);
	notice(
		`coreplus answered ${what} without ${expected} (keys received: ${describeKeys(answer)}); the node read the rows from "${candidates[0]}"`,
	);
	return page(answer[candidates[0]] as unknown[]);
}

/** The single record of a get's or a write's answer, by the rule above. */
export function readRecordAnswer(
	context: CoreplusContext,
	what: string,
	shape: RecordShape,
	answer: unknown,
	notice: Notice,
	itemIndex?: number,
	write = false,
): IDataObject {
	const expected = shape.recordKey
		? `a "${shape.recordKey}" object`
		: `a record with "${shape.idField}"`;
	throwIfRefused(context.getNode(), what, answer, itemIndex, notice);
	if (!isObject(answer)) throw shapeError(context, what, expected, answer, itemIndex, write);
	if (shape.recordKey && isObject(answer[shape.recordKey]))
		return answer[shape.recordKey] as IDataObject;
	if (!shape.recordKey && shape.idField in answer) return answer;
	// A list envelope is never taken for a record (Appointment → Get must not output a whole list).
	const isList = Object.keys(answer).some((key) => key.toLowerCase() === 'paging');
	if (!isList && shape.recordKey && shape.idField in answer) {
		notice(
			`coreplus answered ${what} without ${expected} (keys received: ${describeKeys(answer)}); the node read the answer itself as the record`,
		);
		return answer;
	}
	const candidates = isList
		? []
		: Object.keys(answer).filter(
				(key) => !ENVELOPE_FIELDS.has(key.toLowerCase()) && isObject(answer[key]),
			);
	if (candidates.length !== 1) throw shapeError(context, what, expected, answer, itemIndex, write);
	notice(
		`coreplus answered ${what} without ${expected} (keys received: ${describeKeys(answer)}); the node read the record from "${candidates[0]}"`,
	);
	return answer[candidates[0]] as IDataObject;
}
