import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * An option of a collection: whether the user added it (read from the raw parameters, before
 * expressions resolve) and its resolved value. A guard that was added but resolves to nothing (an
 * empty text, an expression giving undefined or null) must refuse, never switch itself off, and
 * n8n may leave a key that resolved to undefined out of the resolved collection.
 */
export function readAddedOption(
	context: IExecuteFunctions,
	itemIndex: number,
	collection: string,
	key: string,
): { added: boolean; value: unknown } {
	const raw = context.getNodeParameter(collection, itemIndex, {}, { rawExpressions: true });
	const added = typeof raw === 'object' && raw !== null && key in raw;
	if (!added) return { added: false, value: undefined };
	const resolved = context.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	return { added: true, value: resolved?.[key] };
}
