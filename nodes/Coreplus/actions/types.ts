import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodeExecutionData,
} from 'n8n-workflow';

/** What one operation returns for one input item: rows become output items. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[];

export interface OperationDefinition {
	/** Value stored in the workflow, e.g. `getMany`. */
	value: string;
	name: string;
	/** Sentence shown in the node's action list, e.g. "Get many locations". */
	action: string;
	description: string;
	/** Parameters of this operation; display options are added by the resource registry. */
	properties: INodeProperties[];
	/**
	 * How many items may run at once (default 1). Only for operations that stay correct when items
	 * overlap: Book (a repeated booking is recognised as its own) but not Find or Create (two items
	 * for one new person must not both create).
	 */
	concurrency?: number;
	/**
	 * Not offered when the node is an AI agent's tool (Payment → Add: money). The editor hides it in
	 * the tool's operation list; the operation also refuses to run as a tool.
	 */
	notAsTool?: boolean;
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export interface ResourceDefinition {
	value: string;
	name: string;
	description?: string;
	operations: OperationDefinition[];
}
