import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findOperation } from './resources';
import type { OperationResult } from './types';

function toExecutionData(context: IExecuteFunctions, result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const rows = Array.isArray(result) ? result : [result];
	const items = rows.map((row) =>
		'json' in row && typeof row.json === 'object' ? (row as INodeExecutionData) : { json: row as IDataObject },
	);
	return context.helpers.constructExecutionMetaData(items, { itemData: { item: itemIndex } });
}

/** The node's one item loop: dispatch, paired items, Continue On Fail. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = findOperation(resource, operationName);
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for resource "${resource}"`, {
					itemIndex,
				});
			}
			output.push(...toExecutionData(this, await operation.execute.call(this, itemIndex), itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) {
				// n8n's own errors (they carry the node) pass unchanged; anything else is wrapped.
				const isNodeError = error instanceof NodeOperationError || Boolean((error as { node?: unknown }).node);
				throw isNodeError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			const { message, description } = error as { message: string; description?: string };
			output.push({ json: { error: message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
