import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/paginate';
import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_RATE_LIMIT_BUDGET_MS,
	DEFAULT_RETRY_DELAY_MS,
	DEFAULT_TIMEOUT_MS,
	type CoreplusRequest,
} from '../../transport/request';
import { checkBoolean, invalidParameter } from '../validation/validation';

/** Return All / Limit, as on every n8n list operation. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * The row limit for a list operation, or undefined for "return all". Values an expression or an AI
 * agent sends as text are read as meant ("false", "5"); anything else is refused, never guessed.
 */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (
		checkBoolean(
			context,
			itemIndex,
			context.getNodeParameter('returnAll', itemIndex, false),
			'Return All',
		)
	)
		return undefined;
	const value = context.getNodeParameter('limit', itemIndex, MAX_PAGE_SIZE) as unknown;
	const limit =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+\s*$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidParameter(
			context,
			itemIndex,
			'Limit',
			`${JSON.stringify(value) ?? 'nothing'} is not a number of results`,
			'a whole number from 1 upwards, or Return All',
		);
	}
	return limit;
}

/**
 * "Request Options": how hard the node retries a failing read (429, 5xx, reset, timeout) and how
 * long it waits for an answer. Shared by every operation; writes are retried only after a 429,
 * whatever the setting, because coreplus provably did not act on them.
 */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How many times a read is retried after a busy server (429, 5xx), a dropped connection or a timeout, with growing waits. Writes are retried only after a 429.',
		},
		{
			displayName: 'First Retry Wait (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_RETRY_DELAY_MS,
			description:
				"Wait before the first retry; it doubles on each further retry (coreplus' Retry-After takes precedence)",
		},
		{
			displayName: 'Rate-Limit Wait Budget (Ms)',
			name: 'rateLimitBudgetMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_RATE_LIMIT_BUDGET_MS,
			description:
				'How long one request may wait out coreplus\' "too many requests" answers (429, for reads and writes: coreplus did not act) before failing. Every request of the credential pauses as coreplus asks (Retry-After), and that pause counts here whoever met the 429.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'How long each attempt may take in all, from sending the request to the last byte of the answer (a server that keeps sending slowly is cut off too). A read that runs out is retried; a write is reported as possibly done, not sent again.',
		},
	],
};

const REQUEST_OPTION_LIMITS = {
	maxRetries: { label: 'Max Retries', min: 0, max: 10 },
	retryDelayMs: { label: 'First Retry Wait (Ms)', min: 0, max: Infinity },
	timeoutMs: { label: 'Timeout (Ms)', min: 1, max: Infinity },
	rateLimitBudgetMs: { label: 'Rate-Limit Wait Budget (Ms)', min: 0, max: Infinity },
} as const;

/** The Request Options of one item, ready to spread into a `coreplusRequest` call. */
export function readRequestOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): Pick<CoreplusRequest, 'maxRetries' | 'retryDelayMs' | 'timeoutMs' | 'rateLimitBudgetMs'> {
	const options = context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	const wholeNumber = (name: keyof typeof REQUEST_OPTION_LIMITS) => {
		const value = options[name];
		if (value === undefined || value === null || value === '') return undefined;
		const { label, min, max } = REQUEST_OPTION_LIMITS[name];
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			const allowed = `a whole number from ${min}${max === Infinity ? ' upwards' : ` to ${max}`}`;
			throw invalidParameter(
				context,
				itemIndex,
				label,
				`${JSON.stringify(value)} is not allowed`,
				allowed,
			);
		}
		return value;
	};
	return {
		maxRetries: wholeNumber('maxRetries'),
		retryDelayMs: wholeNumber('retryDelayMs'),
		timeoutMs: wholeNumber('timeoutMs'),
		rateLimitBudgetMs: wholeNumber('rateLimitBudgetMs'),
	};
}

/** The "Additional Fields" collection of a create/book operation, as n8n users know it. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}
