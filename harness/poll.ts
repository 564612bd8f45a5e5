import 'reflect-metadata';

import { Container } from '@n8n/di';
import { PollContext, TriggersAndPollers } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { node } from './engine';
import { TestNodeTypes } from './nodeTypes';

export interface PollOutcome {
	/** The items of the poll's first output, or null when the poll reported nothing. */
	items: IDataObject[] | null;
	error?: Error;
}

/**
 * An active workflow holding one polling node, polled the way n8n's active-workflow manager does:
 * a `PollContext` (n8n-core's real poll context, mode "trigger") whose static data lives in the
 * Workflow across polls, run through n8n-core's `TriggersAndPollers.runPollFunction`.
 */
export class PolledWorkflow {
	readonly workflow: Workflow;
	readonly node: INode;
	private readonly additionalData: IWorkflowExecuteAdditionalData;

	private static created = 0;

	/**
	 * Each workflow gets its own id, as in n8n. `loaded` gives the id and the static data as n8n
	 * loads them from its database (the same workflow after a restart).
	 */
	constructor(
		type: string,
		parameters: INode['parameters'],
		credentials: Record<string, ICredentialDataDecryptedObject>,
		loaded: { id: string; staticData: IDataObject } = {
			id: `poll-test-${++PolledWorkflow.created}`,
			staticData: {},
		},
	) {
		this.node = node({
			name: 'trigger',
			type,
			parameters,
			credentials: { coreplusApi: { id: '1', name: 'coreplus test' } },
		});
		this.workflow = new Workflow({
			id: loaded.id,
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes(),
			staticData: loaded.staticData,
		});
		this.additionalData = {
			credentialsHelper: new TestCredentialsHelper(credentials),
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			variables: {},
			userId: 'test-user',
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** The node's static data, as n8n would save it with the workflow. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** One poll; `manual` is the editor's "Fetch Test Event" on the same workflow. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollOutcome> {
		const context = new PollContext(
			this.workflow,
			this.node,
			this.additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		try {
			const result = await Container.get(TriggersAndPollers).runPollFunction(
				this.workflow,
				this.node,
				context,
			);
			return { items: result === null ? null : (result[0] ?? []).map((item) => item.json) };
		} catch (error) {
			return { items: null, error: error as Error };
		}
	}
}
