/*
 * `npm run dev`: the coreplus emulator and the n8n editor (the pinned CLI) with this package
 * installed as a community package, a credential pointing at the emulator and every example
 * workflow imported. A fresh n8n user folder each time; removed on Ctrl+C.
 */
import type { ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';

import { CoreplusEmulator } from '../emulator/server';
import { prepareN8n } from './setup';
import { allExamples } from './workflows';

/** Demo login for the local editor only (n8n asks for an owner account before showing the editor). */
export const DEV_OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Coreplus-demo-1' };

const EMULATOR_PORT = Number(process.env.COREPLUS_EMULATOR_PORT ?? 8787);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const STARTUP_TIMEOUT_MS = 180_000;

/** /healthz answers before the REST API is mounted; /rest/settings answers once the editor works. */
async function waitForEditor(base: string): Promise<void> {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const ok = await fetch(`${base}/rest/settings`).then((r) => r.ok, () => false);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n did not answer on ${base} within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function setUpOwner(base: string): Promise<void> {
	const response = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(DEV_OWNER),
	});
	if (!response.ok) throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
}

async function main(): Promise<void> {
	const emulator = await new CoreplusEmulator({ port: EMULATOR_PORT }).start();
	let child: ChildProcess | undefined;
	let dispose = () => undefined as void;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		child?.kill('SIGTERM');
		await emulator.stop();
		dispose();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const { n8n } = await prepareN8n(emulator, { workflows: allExamples(), log: (text) => console.log(`[dev] ${text}`) });
		dispose = () => n8n.dispose();
		const base = `http://localhost:${N8N_PORT}`;
		const logFile = join(n8n.userFolder, 'n8n.log');
		const log = openSync(logFile, 'a');
		console.log(`[dev] starting the n8n editor (log: ${logFile})`);
		child = n8n.spawn(['start'], { N8N_PORT: String(N8N_PORT), N8N_LOG_LEVEL: 'info' }, ['ignore', log, log]);
		child.on('exit', (code) => {
			if (!stopping) console.error(`[dev] n8n exited (${code}); see ${logFile}`);
			void stop(code ?? 1);
		});

		await waitForEditor(base);
		await setUpOwner(base);
		const credentials = emulator.credentials();
		console.log(`
  n8n editor:        ${base}   (log in: ${DEV_OWNER.email} / ${DEV_OWNER.password})
  coreplus emulator: ${emulator.url}   (consumer ${credentials.consumerId})
  Imported:          the "coreplus emulator" credential and the example workflows (Overview page).
  Open "coreplus: book the first free slot from tomorrow", double-click a coreplus node, or click "Execute workflow".
  Stop with Ctrl+C (also removes this temporary n8n folder).
`);
	} catch (error) {
		console.error(`[dev] ${(error as Error).message}`);
		await stop(1);
	}
}

void main();
