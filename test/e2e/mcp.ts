/*
 * `npm run test:mcp`: examples/ai-receptionist.json in the real n8n CLI, used by a real MCP client.
 *
 * The pinned n8n CLI with this package installed as a community package (as `npm run test:e2e`
 * prepares it), the emulator and its credential, a Bearer Auth credential for the MCP Server
 * Trigger, both AI examples imported, the receptionist published, then `n8n start`. An MCP client
 * from @modelcontextprotocol/sdk connects to the production URL `/mcp/<path>` over Streamable HTTP
 * and plays an assistant's turns by hand (mcpAssistantTurn.ts: book; mcpLifecycleTurn.ts: move and
 * cancel). No language model is involved.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { CoreplusEmulator } from '../../emulator/server';
import { freePort, serveEditor, type ServedEditor } from './editor';
import { playAssistantTurn } from './mcpAssistantTurn';
import { playLifecycleTurn } from './mcpLifecycleTurn';
import type { N8nInstance } from './n8n';
import { CREDENTIAL, prepareN8n } from './setup';
import { forImport, workflowIdFor, type ExampleWorkflow } from './workflows';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const RECEPTIONIST = 'ai-receptionist.json';
const AGENT_CHAT = 'ai-agent-chat.json';
/** Test-only token for the trigger's Bearer Auth credential (the id the example refers to). */
const BEARER = {
	id: 'mcpBearerToken',
	name: 'MCP bearer token',
	token: 'mcp-e2e-token-not-a-secret',
};
/** The whole run, n8n install aside, normally takes about a minute; past this it is stuck. */
const RUN_TIMEOUT_MS = 8 * 60_000;

const started = Date.now();
const step = (text: string) =>
	console.log(`[mcp ${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);

function loadExample(file: string): ExampleWorkflow {
	return { ...(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as ExampleWorkflow), file };
}

/** The chat agent example offers exactly the receptionist's tools (same parameters), each wired to the agent. */
function assertSameTools(receptionist: ExampleWorkflow, agentChat: ExampleWorkflow): void {
	const toolsOf = (workflow: ExampleWorkflow) =>
		workflow.nodes
			.filter((node) => node.type.endsWith('coreplusTool'))
			.map(({ name, type, typeVersion, parameters, credentials }) => ({
				name,
				type,
				typeVersion,
				parameters,
				credentials,
			}));
	assert.deepEqual(
		toolsOf(agentChat),
		toolsOf(receptionist),
		`${agentChat.file} and ${receptionist.file} offer the same tools`,
	);
	const agent = agentChat.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.agent')!;
	for (const { name } of toolsOf(agentChat)) {
		const wired = (
			agentChat.connections[name] as { ai_tool?: Array<Array<{ node: string }>> } | undefined
		)?.ai_tool?.[0]?.[0]?.node;
		assert.equal(
			wired,
			agent.name,
			`${agentChat.file}: ${name} is connected to the agent as a tool`,
		);
	}
}

async function importExamples(n8n: N8nInstance): Promise<ExampleWorkflow> {
	await n8n.importJson('credentials', [
		{ id: BEARER.id, name: BEARER.name, type: 'httpBearerAuth', data: { token: BEARER.token } },
	]);
	const receptionist = loadExample(RECEPTIONIST);
	const agentChat = loadExample(AGENT_CHAT);
	assertSameTools(receptionist, agentChat);
	// The chat agent example is imported too (it must import into a fresh n8n); it is not run: it needs a model.
	await n8n.importJson('workflow', [
		forImport(receptionist, CREDENTIAL),
		forImport(agentChat, CREDENTIAL),
	]);
	// n8n 2.x serves a trigger's production URL only for a published workflow (`update:workflow --active` is deprecated).
	await n8n.run(['publish:workflow', `--id=${workflowIdFor(RECEPTIONIST)}`]);
	return receptionist;
}

function mcpPathOf(workflow: ExampleWorkflow): string {
	const trigger = workflow.nodes.find(
		(node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger',
	);
	const path = (trigger?.parameters as { path?: string } | undefined)?.path;
	if (!path) throw new Error(`${workflow.file}: no MCP Server Trigger with a path`);
	return path;
}

const ACTIVATION_TIMEOUT_MS = 60_000;

/** An MCP initialize request from a caller that does not send the bearer token. */
async function postWithoutToken(url: URL): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
		body: JSON.stringify({
			jsonrpc: '2.0',
			id: 1,
			method: 'initialize',
			params: {
				protocolVersion: '2025-03-26',
				capabilities: {},
				clientInfo: { name: 'intruder', version: '0' },
			},
		}),
	});
	await response.body?.cancel();
	return response.status;
}

/**
 * n8n answers its REST API before it has activated the published workflows: the production URL
 * is 404 until then. Once it is registered, a caller without the bearer token is refused before
 * any tool runs.
 */
async function waitForTriggerRefusingStrangers(url: URL): Promise<void> {
	const deadline = Date.now() + ACTIVATION_TIMEOUT_MS;
	let status = await postWithoutToken(url);
	while (status === 404 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		status = await postWithoutToken(url);
	}
	if (status !== 401 && status !== 403)
		throw new Error(`a call without the bearer token got HTTP ${status}, expected 401 or 403`);
	step(`the trigger is active; without the bearer token: HTTP ${status}`);
}

/** The same URL also serves the older SSE transport (GET opens the stream), for clients that only speak SSE. */
async function assertSseServesSameTools(url: URL, expected: string[]): Promise<void> {
	const sseClient = new Client({ name: 'coreplus-e2e-sse', version: '1.0.0' });
	try {
		await sseClient.connect(
			new SSEClientTransport(url, {
				requestInit: { headers: { authorization: `Bearer ${BEARER.token}` } },
			}),
		);
		const names = (await sseClient.listTools()).tools.map((tool) => tool.name).sort();
		assert.deepEqual(names, [...expected].sort(), 'the SSE transport lists the same tools');
	} finally {
		await sseClient.close().catch(() => undefined);
	}
	step(`SSE transport on the same URL lists the same ${expected.length} tools`);
}

async function main(): Promise<void> {
	const emulator = await new CoreplusEmulator().start();
	let n8n: N8nInstance | undefined;
	let editor: ServedEditor | undefined;
	let client: Client | undefined;
	const stopAll = async () => {
		await client?.close().catch(() => undefined);
		await editor?.stop();
		await emulator.stop();
		n8n?.dispose();
	};
	const watchdog = setTimeout(() => {
		console.error(`[mcp] still running after ${RUN_TIMEOUT_MS / 60_000} min: stopping`);
		process.exitCode = 1;
		void stopAll().finally(() => process.exit(1));
	}, RUN_TIMEOUT_MS);
	try {
		n8n = (await prepareN8n(emulator, { workflows: [], log: step })).n8n;
		const receptionist = await importExamples(n8n);
		step(`imported ${RECEPTIONIST} and ${AGENT_CHAT}, published ${RECEPTIONIST}`);
		editor = await serveEditor(n8n, { port: await freePort(), log: step });
		const url = new URL(`${editor.base}/mcp/${mcpPathOf(receptionist)}`);
		await waitForTriggerRefusingStrangers(url);

		client = new Client({ name: 'coreplus-e2e', version: '1.0.0' });
		const transport = new StreamableHTTPClientTransport(url, {
			requestInit: { headers: { authorization: `Bearer ${BEARER.token}` } },
		});
		await client.connect(transport);
		step(
			`connected to ${url.href} over Streamable HTTP (server ${client.getServerVersion()?.name})`,
		);
		const turn = { client, emulator, workflow: receptionist, log: step };
		await playLifecycleTurn(turn, await playAssistantTurn(turn));
		await assertSseServesSameTools(
			url,
			(await client.listTools()).tools.map((tool) => tool.name),
		);
		step(
			'PASS the MCP client listed the tools, found a slot, booked it once, read it back; another patient giving its id was refused; the patient found it by name and date of birth, moved it and cancelled it',
		);
	} catch (error) {
		process.exitCode = 1;
		step(`FAIL ${(error as Error).message}`);
		for (const request of emulator.requests)
			console.log(
				`    received ${request.method} ${request.url} -> ${request.status} ${request.reason ?? ''}`,
			);
		if (editor) console.log(`    n8n log: ${editor.logFile} (kept with COREPLUS_E2E_KEEP=1)`);
	} finally {
		clearTimeout(watchdog);
		await stopAll();
	}
}

void main();
