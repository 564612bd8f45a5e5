import { DateTime } from 'luxon';

import { EmulatorHttpError } from './http';

/**
 * Field checks for JSON request bodies, with coreplus-style 400 answers
 * ({"result":[{"severity":2,"reason":"..."}]}). Each takes the field name as documented.
 */
export function jsonObject(json: unknown): Record<string, unknown> {
	if (!json || typeof json !== 'object' || Array.isArray(json)) {
		throw new EmulatorHttpError(400, 'The request body must be a JSON object');
	}
	return json as Record<string, unknown>;
}

export function bodyString(
	body: Record<string, unknown>,
	field: string,
	rules: { required?: boolean; maxLength?: number } = {},
): string | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') {
		if (rules.required) throw new EmulatorHttpError(400, `${field} is required`);
		return undefined;
	}
	if (typeof value !== 'string') throw new EmulatorHttpError(400, `${field} must be a string`);
	if (rules.required && !value.trim()) throw new EmulatorHttpError(400, `${field} is required`);
	if (rules.maxLength !== undefined && value.length > rules.maxLength) {
		throw new EmulatorHttpError(400, `${field} must be at most ${rules.maxLength} characters`);
	}
	return value;
}

export function bodyEnum(
	body: Record<string, unknown>,
	field: string,
	allowed: readonly string[],
): string | undefined {
	const value = bodyString(body, field);
	if (value !== undefined && !allowed.includes(value)) {
		throw new EmulatorHttpError(400, `${field} must be one of: ${allowed.join(', ')}`);
	}
	return value;
}

/** A `yyyy-mm-dd` date. */
export function bodyDate(
	body: Record<string, unknown>,
	field: string,
	required = false,
): string | undefined {
	const value = bodyString(body, field, { required });
	if (
		value !== undefined &&
		(!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid)
	) {
		throw new EmulatorHttpError(400, `${field} must be a date in the form yyyy-mm-dd`);
	}
	return value;
}

export function bodyBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean')
		throw new EmulatorHttpError(400, `${field} must be true or false`);
	return value;
}
