/*
 * A workflow that starts from n8n's Form Trigger, run as a visitor runs it: the workflow is
 * published (activated) before `n8n start`, then the answers are POSTed to the form's production
 * URL, `/form/<path>`, as the browser's form sends them (multipart, `field-<index>` in the order of
 * the trigger's fields), and the execution that submission started is read from the REST API.
 */
import { N8nInstance, type ExecutionRun } from './n8n';
import { finishedExecution, rest } from './manualRun';
import { formOf, workflowIdFor, type ExampleWorkflow } from './workflows';

const REGISTRATION_TIMEOUT_MS = 60_000;
const EXECUTION_TIMEOUT_MS = 60_000;

interface FormField {
	fieldLabel: string;
}

interface FormParameters {
	path?: string;
	options?: { path?: string };
	formFields?: { values?: FormField[] };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The form's path as n8n reads it: the trigger's `path` (version 2.1 and older), its option `path`
 * (2.2 and newer), else its webhook id.
 */
export function formPathOf(example: ExampleWorkflow): string {
	const form = formOf(example)!;
	const parameters = form.trigger.parameters as FormParameters | undefined;
	const path = parameters?.path || parameters?.options?.path;
	const id = form.trigger.webhookId;
	if (!path && typeof id !== 'string') throw new Error(`${example.file}: the form has no path`);
	return path || String(id);
}

/**
 * Makes the published workflow's form live when n8n starts: n8n 2.x serves a trigger's
 * production URL only for a published workflow; n8n 1.x has no publishing and activates instead.
 */
export async function publishForm(n8n: N8nInstance, example: ExampleWorkflow): Promise<void> {
	const id = `--id=${workflowIdFor(example.file)}`;
	if (Number(N8nInstance.version.split('.')[0]) >= 2) await n8n.run(['publish:workflow', id]);
	else await n8n.run(['update:workflow', id, '--active=true']);
}

/** The answers as the form page posts them: `field-0`, `field-1`, … by the trigger's field order. */
function formBody(example: ExampleWorkflow): FormData {
	const { trigger, answers } = formOf(example)!;
	const fields = (trigger.parameters as FormParameters | undefined)?.formFields?.values ?? [];
	const labels = fields.map((field) => field.fieldLabel);
	const unknown = Object.keys(answers).filter((label) => !labels.includes(label));
	if (unknown.length)
		throw new Error(`${example.file}: meta.e2e.form names no form field ${unknown.join(', ')}`);
	const body = new FormData();
	labels.forEach((label, index) => {
		if (answers[label] !== undefined) body.append(`field-${index}`, answers[label]);
	});
	return body;
}

/** n8n answers its REST API before it has registered the published workflows' URLs (404 until then). */
async function waitForForm(url: string): Promise<void> {
	const deadline = Date.now() + REGISTRATION_TIMEOUT_MS;
	for (;;) {
		const status = await fetch(url).then(
			async (response) => (await response.body?.cancel(), response.status),
			() => 0,
		);
		if (status === 200) return;
		if (Date.now() > deadline) throw new Error(`GET ${url} answered ${status}, not the form`);
		await pause(1000);
	}
}

type Editor = { base: string; cookie: string };

async function executionIds(editor: Editor, workflowId: string): Promise<string[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await rest<{ results: Array<{ id: string }> }>(
		editor.base,
		editor.cookie,
		`/executions?filter=${filter}`,
	);
	return list.results.map((execution) => String(execution.id));
}

/** Submits the example's answers to its form and returns the run data of the execution it started. */
export async function submitForm(
	n8n: N8nInstance,
	editor: Editor,
	example: ExampleWorkflow,
): Promise<ExecutionRun> {
	const url = `${editor.base}/form/${formPathOf(example)}`;
	const workflowId = workflowIdFor(example.file);
	await waitForForm(url);
	const before = new Set(await executionIds(editor, workflowId));
	const response = await fetch(url, { method: 'POST', body: formBody(example) });
	const answer = await response.text();
	if (!response.ok) throw new Error(`POST ${url} -> ${response.status} ${answer}`);
	const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
	for (;;) {
		const started = (await executionIds(editor, workflowId)).find((id) => !before.has(id));
		if (started) return await finishedExecution(n8n, editor, started);
		if (Date.now() > deadline) throw new Error(`the form submission started no execution`);
		await pause(250);
	}
}
