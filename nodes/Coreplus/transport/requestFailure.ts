import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { CoreplusCredentials } from './credentials';
import { describeFailure, type FailureSummary } from './errors';
import { redactSecrets } from './redact';

/** One answer as n8n's helper returns it with `returnFullResponse`. */
export interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		if (
			typeof current.message === 'string' &&
			/socket hang up|aborted|timeout/i.test(current.message)
		) {
			return /timeout/i.test(current.message) ? 'ETIMEDOUT' : 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

// In words: n8n replaces any error message that contains a raw code such as ECONNRESET with a
// generic sentence, which would hide which coreplus endpoint failed.
const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	EPIPE: 'the connection was closed',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
};

/** What the user reads when no answer came: a network failure, or the attempt's deadline. */
export function networkFailureSummary(
	error: unknown,
	what: string,
	isRead: boolean,
	attempts: number,
	deadlineMs?: number,
): FailureSummary {
	const code = networkErrorCode(error);
	const failure =
		deadlineMs !== undefined
			? `the answer did not complete within the Timeout (${deadlineMs} ms, from sending to the last byte)`
			: ((code && NETWORK_FAILURES[code]) ?? 'a network error');
	return {
		message: `coreplus did not answer ${what}: ${failure}${isRead ? ` after ${attempts} attempt(s)` : ''}`,
		description: isRead
			? 'The coreplus server could not be reached or answered too slowly. Check the API URL and your network, raise the Timeout in Request Options if coreplus is slow, then retry.'
			: 'The request was sent but no complete answer arrived, so coreplus may or may not have acted on it. It was not sent again, to avoid a duplicate.',
	};
}

/** What the user reads when every attempt of an upload failed before its last byte was sent. */
export function unsentFailureSummary(error: unknown, what: string, attempts: number) {
	const code = networkErrorCode(error);
	const failure = (code && NETWORK_FAILURES[code]) ?? 'a network error';
	return {
		message: `coreplus did not receive all of ${what}: ${failure} before the upload's last byte was sent, after ${attempts} attempt(s)`,
		description:
			'coreplus cannot store an upload it did not receive whole, so nothing was stored. A server may refuse a large upload this early, e.g. when this consumer is over its rate limit (429). Run it again, or raise Max Retries in Request Options.',
	};
}

/** What the user reads when a 429 pause is longer than what is left of the request's budget. */
export function rateLimitBudgetSummary(what: string, pauseMs: number, budgetMs: number) {
	return {
		message: `coreplus asked this consumer to wait ${Math.ceil(pauseMs / 1000)} s (429) before ${what}, more than its Rate-Limit Wait Budget (${budgetMs} ms) allows; nothing was sent`,
		description:
			'coreplus allows 10 requests per second per application. Raise the Rate-Limit Wait Budget in Request Options, or run fewer workflows on this credential at once.',
	};
}

/** What the user reads when a 429 pause lasted the attempt's whole Timeout before it could be sent. */
export function pauseOutlastedTimeoutSummary(what: string, timeoutMs: number) {
	return {
		message: `coreplus asked this consumer to wait (429) and the wait outlasted the Timeout (${timeoutMs} ms) of ${what}; nothing was sent`,
		description:
			'coreplus allows 10 requests per second per application. Raise the Timeout in Request Options, or run fewer workflows on this credential at once.',
	};
}

/** What the user reads when an answer came and the retry decision gave up, by its cause. */
export function answerFailureSummary(
	cause: string,
	what: string,
	isRead: boolean,
	attempts: number,
	response: RawResponse,
): FailureSummary {
	const after = attempts > 1 ? ` after ${attempts} attempt(s)` : '';
	if (cause === 'redirect') {
		const target =
			typeof response.headers?.location === 'string' ? ` to ${response.headers.location}` : '';
		return {
			message: `coreplus answered ${what} with a redirect (HTTP ${response.statusCode})${target}`,
			description:
				'Check the API URL in the coreplus credential: use the exact https:// address from the add-on settings.',
		};
	}
	if (cause === 'unreadable') {
		return isRead
			? {
					message: `coreplus sent an unreadable answer to ${what} (HTTP ${response.statusCode})${after}`,
				}
			: {
					message: `coreplus accepted ${what} (HTTP ${response.statusCode}) but its answer could not be read`,
					description:
						'coreplus has probably acted on the request; it was not sent again, to avoid a duplicate. Check coreplus before retrying.',
				};
	}
	const summary = describeFailure(response.statusCode, response.body, what);
	if (attempts > 1) summary.message += ` (after ${attempts} attempts)`;
	return summary;
}

/** The node error for a summary, secrets redacted, built from plain text only (never from the HTTP client's error, which holds the signed headers). */
export function apiError(
	node: INode,
	credentials: CoreplusCredentials,
	summary: FailureSummary,
	status: number | undefined,
	itemIndex: number | undefined,
	ErrorClass: typeof NodeApiError = NodeApiError,
): NodeApiError {
	const message = redactSecrets(summary.message, credentials);
	const description = summary.description && redactSecrets(summary.description, credentials);
	return new ErrorClass(
		node,
		{ message, ...(status ? { httpCode: String(status) } : {}) } as JsonObject,
		{ message, description, httpCode: status ? String(status) : undefined, itemIndex },
	);
}
