import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

/** n8n's own errors (they carry the node) pass unchanged; anything else is wrapped, never rethrown raw. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error && typeof error === 'object' && 'node' in error && (error as { node?: unknown }).node)
		return error as NodeOperationError;
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}
