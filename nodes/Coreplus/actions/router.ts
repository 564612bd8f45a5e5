import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findOperation } from './resources';
import type { OperationDefinition, OperationResult } from './types';
import { asNodeError } from '../helpers/validation/errors';

function toExecutionData(
	context: IExecuteFunctions,
	result: OperationResult,
	itemIndex: number,
): INodeExecutionData[] {
	const rows = Array.isArray(result) ? result : [result];
	const items = rows.map((row) =>
		'json' in row && typeof row.json === 'object'
			? (row as INodeExecutionData)
			: { json: row as IDataObject },
	);
	return context.helpers.constructExecutionMetaData(items, { itemData: { item: itemIndex } });
}

function operationOf(context: IExecuteFunctions, itemIndex: number): OperationDefinition {
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	const operationName = context.getNodeParameter('operation', itemIndex) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" is not supported for resource "${resource}"`,
			{ itemIndex },
		);
	}
	return operation;
}

type Outcome = { items: INodeExecutionData[] } | { error: unknown };

/**
 * The node's one item loop: dispatch, paired items, Continue On Fail. Items run one after another,
 * except for operations that declare `concurrency` (Book): then that many items are in flight, so
 * round trips overlap while the shared rate limiter paces them. Output keeps the item order. After
 * a failure without Continue On Fail no further item is started; the ones in flight finish, and
 * the first failure (by item) stops the node.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	const outcomes: Outcome[] = new Array(itemCount);
	const continueOnFail = this.continueOnFail();
	let stopped = false;
	const runItem = async (itemIndex: number) => {
		try {
			const operation = operationOf(this, itemIndex);
			outcomes[itemIndex] = {
				items: toExecutionData(this, await operation.execute.call(this, itemIndex), itemIndex),
			};
		} catch (error) {
			outcomes[itemIndex] = { error };
			if (!continueOnFail) stopped = true;
		}
	};
	// Resource and operation cannot come from an expression, so item 0 tells them for every item.
	let concurrency = 1;
	try {
		concurrency = itemCount ? Math.max(1, operationOf(this, 0).concurrency ?? 1) : 1;
	} catch {
		concurrency = 1; // runItem reports the unsupported operation per item.
	}
	let next = 0;
	const worker = async () => {
		while (next < itemCount && !stopped) await runItem(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, itemCount) }, worker));

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) continue; // Not started after an earlier failure.
		if ('items' in outcome) {
			output.push(...outcome.items);
			continue;
		}
		const error = outcome.error;
		if (!continueOnFail) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
		const { message, description } = error as { message: string; description?: string };
		output.push({
			json: { error: message, ...(description ? { description } : {}) },
			pairedItem: { item: itemIndex },
		});
	}
	return [output];
}
