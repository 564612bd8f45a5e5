/*
 * A manual execution the way the editor starts one ("Execute workflow" / "Fetch Test Event"):
 * POST /rest/workflows/:id/run with the trigger to start from, then the saved execution.
 * `n8n execute` cannot do this for a polling trigger: it starts only from a Manual Trigger, in
 * mode "cli", where n8n passes a poller's input through instead of calling poll().
 */
import { join } from 'node:path';

import type { ExecutionRun, N8nInstance } from './n8n';

const RUN_TIMEOUT_MS = 60_000;

/** n8n's REST API sends run data in the `flatted` format; its own copy of the library reads it. */
function parseFlatted(n8n: N8nInstance, text: string): ExecutionRun['data'] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(n8n.cli.dir, 'node_modules', 'flatted')) as {
		parse(text: string): unknown;
	};
	return flatted.parse(text) as ExecutionRun['data'];
}

export async function rest<T>(
	base: string,
	cookie: string,
	path: string,
	init: RequestInit = {},
): Promise<T> {
	const response = await fetch(`${base}/rest${path}`, {
		...init,
		headers: {
			'content-type': 'application/json',
			cookie,
			...(init.headers as Record<string, string> | undefined),
		},
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`${init.method ?? 'GET'} /rest${path} -> ${response.status} ${text}`);
	return (JSON.parse(text) as { data: T }).data;
}

/** Runs the workflow manually from `triggerName` and returns the finished execution's run data. */
export async function runManually(
	n8n: N8nInstance,
	editor: { base: string; cookie: string },
	workflowId: string,
	triggerName: string,
): Promise<ExecutionRun> {
	// n8n 1.x runs the workflow sent in the body (as its editor does); 2.x loads the stored one and ignores it.
	const workflowData = await rest<Record<string, unknown>>(
		editor.base,
		editor.cookie,
		`/workflows/${workflowId}`,
	);
	const started = await rest<{ executionId?: string; waitingForWebhook?: boolean }>(
		editor.base,
		editor.cookie,
		`/workflows/${workflowId}/run`,
		{
			method: 'POST',
			body: JSON.stringify({ workflowData, triggerToStartFrom: { name: triggerName } }),
		},
	);
	if (!started.executionId)
		throw new Error(`n8n did not start an execution: ${JSON.stringify(started)}`);
	return await finishedExecution(n8n, editor, started.executionId);
}

/** Waits until the execution has finished (or failed) and returns its run data. */
export async function finishedExecution(
	n8n: N8nInstance,
	editor: { base: string; cookie: string },
	executionId: string,
): Promise<ExecutionRun> {
	const deadline = Date.now() + RUN_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const execution = await rest<{ finished: boolean; status: string; data: string }>(
			editor.base,
			editor.cookie,
			`/executions/${executionId}`,
		);
		if (!['new', 'running', 'waiting'].includes(execution.status)) {
			return {
				finished: execution.finished,
				status: execution.status,
				data: parseFlatted(n8n, execution.data),
			};
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`execution ${executionId} did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
}
