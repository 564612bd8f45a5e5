import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * What this execution already did with a write, so that n8n's Retry On Fail (which runs the node
 * again, every item, in the same execution) never makes it twice: a write `done` is not sent again,
 * and one whose answer was lost (`unknown`) is never re-sent. Keyed on n8n's execution id, the
 * credential, the node, the item and the caller's key (what is written); bounded (the oldest
 * entries go first), since a node is not told when an execution ends. Without an execution id
 * nothing is remembered.
 */
export type WriteFate<Unknown extends object = object> =
	{ state: 'done' } | ({ state: 'unknown' } & Unknown);

const MAX_ENTRIES = 1000;
const fates = new Map<string, WriteFate<object>>();

function keyOf(context: IExecuteFunctions, itemIndex: number, key: unknown) {
	const executionId = context.getExecutionId();
	if (!executionId) return undefined;
	const credential = context.getNode().credentials?.coreplusApi;
	return JSON.stringify([
		executionId,
		credential?.id ?? credential?.name ?? '',
		context.getNode().name,
		itemIndex,
		key,
	]);
}

/** The fate remembered for this write in this execution, if any. */
export function recallWrite<Unknown extends object = object>(
	context: IExecuteFunctions,
	itemIndex: number,
	key: unknown,
): WriteFate<Unknown> | undefined {
	const mapKey = keyOf(context, itemIndex, key);
	return mapKey === undefined ? undefined : (fates.get(mapKey) as WriteFate<Unknown> | undefined);
}

export function rememberWrite<Unknown extends object = object>(
	context: IExecuteFunctions,
	itemIndex: number,
	key: unknown,
	fate: WriteFate<Unknown>,
): void {
	const mapKey = keyOf(context, itemIndex, key);
	if (mapKey === undefined) return;
	fates.delete(mapKey);
	fates.set(mapKey, fate);
	for (const oldest of fates.keys()) {
		if (fates.size <= MAX_ENTRIES) break;
		fates.delete(oldest);
	}
}
