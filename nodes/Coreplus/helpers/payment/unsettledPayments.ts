import type { IExecuteFunctions } from 'n8n-workflow';

import type { PaymentKey } from './samePayment';

/**
 * What this execution already did with an item's payment, so that n8n's Retry On Fail (which runs
 * the node again, every item, in the same execution) never pays twice: a payment recorded is not
 * sent again even with Allow Identical Payment on, and one whose answer was lost and could not be
 * found is only ever read back, never re-sent. Keyed on n8n's execution id, the credential, the item
 * and the payment; bounded (the oldest entries go first), since a node is not told when an
 * execution ends.
 */
export type PaymentFate =
	| { state: 'recorded' }
	/** The answer was lost; `before` identical payments were on the invoice before sending. */
	| { state: 'unknown'; before: number };

const MAX_ENTRIES = 1000;
const fates = new Map<string, PaymentFate>();

function keyOf(context: IExecuteFunctions, itemIndex: number, invoiceId: string, key: PaymentKey) {
	const executionId = context.getExecutionId();
	if (!executionId) return undefined;
	const credential = context.getNode().credentials?.coreplusApi;
	return JSON.stringify([
		executionId,
		credential?.id ?? credential?.name ?? '',
		context.getNode().name,
		itemIndex,
		invoiceId.toLowerCase(),
		key,
	]);
}

export function fateOf(
	context: IExecuteFunctions,
	itemIndex: number,
	invoiceId: string,
	key: PaymentKey,
): PaymentFate | undefined {
	const mapKey = keyOf(context, itemIndex, invoiceId, key);
	return mapKey === undefined ? undefined : fates.get(mapKey);
}

export function rememberFate(
	context: IExecuteFunctions,
	itemIndex: number,
	invoiceId: string,
	key: PaymentKey,
	fate: PaymentFate,
): void {
	const mapKey = keyOf(context, itemIndex, invoiceId, key);
	if (mapKey === undefined) return;
	fates.delete(mapKey);
	fates.set(mapKey, fate);
	for (const oldest of fates.keys()) {
		if (fates.size <= MAX_ENTRIES) break;
		fates.delete(oldest);
	}
}
