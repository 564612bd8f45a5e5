import type { IDataObject } from 'n8n-workflow';

/**
 * The ONE "empty text" rule: a string with something in it, trimmed. Anything else (not a string,
 * empty, only spaces) is absent: `undefined`, so `??` and `||` both fall through to what comes next.
 */
export function textOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	return value.trim() || undefined;
}

/** The first of the row's fields that holds text (coreplus spells some fields more than one way). */
export function firstText(row: IDataObject, ...fields: string[]): string | undefined {
	for (const field of fields) {
		const value = textOf(row[field]);
		if (value !== undefined) return value;
	}
	return undefined;
}
