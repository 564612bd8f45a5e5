import { DateTime } from 'luxon';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Checks on parameter values, done before any request is sent. Every error names the
 * parameter (as the editor labels it), the item, and what is allowed.
 */
export function invalidParameter(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	label: string,
	problem: string,
	allowed?: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Invalid "${label}" in item ${itemIndex}: ${problem}`,
		{
			itemIndex,
			description: allowed ? `Allowed: ${allowed}` : undefined,
		},
	);
}

/** "At most 1 character", "At most 50 characters". */
export function atMost(maxLength: number): string {
	return `At most ${maxLength} character${maxLength === 1 ? '' : 's'}`;
}

interface StringRules {
	label: string;
	required?: boolean;
	maxLength?: number;
}

/** A text value; objects or arrays (e.g. an expression that resolved to a whole item) are refused. */
export function checkString(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	rules: StringRules,
): string | undefined {
	if (value === undefined || value === null || value === '') {
		if (rules.required)
			throw invalidParameter(context, itemIndex, rules.label, 'a value is required');
		return undefined;
	}
	if (typeof value === 'object') {
		throw invalidParameter(
			context,
			itemIndex,
			rules.label,
			`expected text but got ${Array.isArray(value) ? 'a list' : 'an object'}`,
			'a plain text value',
		);
	}
	const text = String(value).trim();
	if (!text && rules.required)
		throw invalidParameter(context, itemIndex, rules.label, 'a value is required');
	if (rules.maxLength !== undefined && text.length > rules.maxLength) {
		throw invalidParameter(
			context,
			itemIndex,
			rules.label,
			`${text.length} characters is too long`,
			atMost(rules.maxLength).toLowerCase(),
		);
	}
	return text || undefined;
}

/** Reads a string parameter and checks it. */
export function readString(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	rules: StringRules,
): string | undefined {
	return checkString(
		context,
		itemIndex,
		context.getNodeParameter(name, itemIndex, '', { rawExpressions: false }),
		rules,
	);
}

// coreplus ids are GUID strings (String(50)); they are placed in URL paths and query strings.
// A string, because the editor's resource locator takes its validation regex as text.
export const ID_REGEX = '^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$';
const ID_PATTERN = new RegExp(ID_REGEX);

export function checkId(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	label: string,
	required = true,
): string | undefined {
	const text = checkString(context, itemIndex, value, { label, required });
	if (text === undefined) return undefined;
	if (!ID_PATTERN.test(text)) {
		throw invalidParameter(
			context,
			itemIndex,
			label,
			`"${text.slice(0, 60)}" is not a coreplus ID`,
			'an ID such as 5dbf87f6-e50f-4ca1-9ef9-7e102ee27817 (letters, digits and dashes, no spaces or slashes)',
		);
	}
	return text;
}

export function checkOption<T extends string>(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	allowed: readonly T[],
	label: string,
): T | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw invalidParameter(
			context,
			itemIndex,
			label,
			`"${typeof value === 'string' ? value : JSON.stringify(value)}" is not one of the choices`,
			allowed.join(', '),
		);
	}
	return value as T;
}

/** Accepts n8n date values (luxon DateTime, Date) and ISO strings; returns a luxon DateTime. */
export function parseDateTime(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	label: string,
	zone?: string,
): DateTime {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) parsed = value;
	else if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (typeof value === 'string' && value.trim()) {
		// coreplus writes a space before the offset ("2021-09-07T09:00:00 +10:00").
		const text = value
			.trim()
			.replace(
				/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}:?\d{2}|Z)$/,
				'$1T$2$3',
			);
		parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone: zone ?? 'UTC', setZone: true });
	}
	if (!parsed?.isValid) {
		throw invalidParameter(
			context,
			itemIndex,
			label,
			`${JSON.stringify(value) ?? 'nothing'} is not a date`,
			'an n8n date or an ISO 8601 date such as 2026-03-14 or 2026-03-14T09:30',
		);
	}
	return parsed;
}

/** A calendar date in coreplus' `yyyy-mm-dd` request form. */
export function toCoreplusDate(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	label: string,
): string {
	return parseDateTime(context, itemIndex, value, label).toISODate()!;
}

/** A yes/no value; an expression may also give the text "true" or "false". */
export function checkBoolean(
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	label: string,
): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value))
		return value.trim().toLowerCase() === 'true';
	throw invalidParameter(
		context,
		itemIndex,
		label,
		`${JSON.stringify(value)} is not true or false`,
		'true or false',
	);
}
