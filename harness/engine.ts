import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { TestNodeTypes } from './nodeTypes';

export interface WorkflowRun {
	run: IRun;
	/** Items a node produced on its first output (first run). */
	output(nodeName: string): INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: { message: string; description?: string | null; node?: { name: string } } & Record<
		string,
		unknown
	>;
}

export interface RunOptions {
	nodes: INode[];
	connections?: IConnections;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items fed into the start node (the first node, unless `startNode` is given). */
	input?: INodeExecutionData[];
	startNode?: string;
	mode?: WorkflowExecuteMode;
	nodeTypes?: TestNodeTypes;
	/** Credential types besides coreplusApi, by name (used by the benchmark). */
	credentialTypes?: Record<string, ICredentialType>;
	/** n8n's execution id (default: a new one per run, as n8n gives every execution its own). */
	executionId?: string;
}

/** Fills the parts of a node that workflow JSON may leave out. */
export function node(partial: Partial<INode> & Pick<INode, 'name' | 'type' | 'parameters'>): INode {
	return { id: partial.name, typeVersion: 1, position: [0, 0], ...partial } as INode;
}

/** Runs a workflow through n8n-core's real execution engine and returns what every node produced. */
export async function runWorkflow(options: RunOptions): Promise<WorkflowRun> {
	const nodeTypes = options.nodeTypes ?? new TestNodeTypes();
	const connections = options.connections ?? {};
	const workflow = new Workflow({
		id: 'test',
		nodes: options.nodes,
		connections,
		active: false,
		nodeTypes,
	});
	const workflowData = {
		id: 'test',
		name: 'test',
		nodes: options.nodes,
		connections,
		active: false,
		settings: {},
	} as unknown as IWorkflowBase;
	const mode = options.mode ?? 'manual';

	const executionId = options.executionId ?? `exec-${randomUUID()}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);

	const additionalData = {
		executionId,
		hooks,
		credentialsHelper: new TestCredentialsHelper(
			options.credentials ?? {},
			options.credentialTypes,
		),
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const startName = options.startNode ?? options.nodes[0].name;
	const startNode = workflow.getNode(startName);
	if (!startNode) throw new Error(`No node named ${startName}`);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await finished;
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: run.data.resultData.error as WorkflowRun['error'],
	};
}

/** The `json` of every item a node produced. */
export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}
