/*
 * The one way to start the n8n editor with this package: the emulator, `n8n start` in a fresh user
 * folder (package installed as a community package, credential and example workflows imported) and
 * an owner login. Used by `npm run dev`, the e2e trigger check and the browser test.
 */
import type { ChildProcess } from 'node:child_process';
import { openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { CoreplusEmulator } from '../../emulator/server';
import type { N8nInstance } from './n8n';
import { freePort } from './ports';
import { prepareN8n } from './setup';
import type { ExampleWorkflow } from './workflows';

export { freePort };

/** Demo login for the local editor only (n8n asks for an owner account before showing the editor). */
export const DEV_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Coreplus-demo-1',
};

const STARTUP_TIMEOUT_MS = 180_000;

export interface ServedEditor {
	/** e.g. http://localhost:5678 */
	base: string;
	logFile: string;
	child: ChildProcess;
	/** The owner's session cookie (`n8n-auth=…`), for REST calls. */
	cookie: string;
	/** Stops `n8n start` (idempotent). */
	stop(): Promise<void>;
}

export interface RunningEditor extends ServedEditor {
	emulator: CoreplusEmulator;
	n8n: N8nInstance;
	/** Stops n8n and the emulator and removes the user folder (idempotent). */
	stop(): Promise<void>;
}

/**
 * Ready when OUR process says it listens (its own log line) and /rest/settings answers n8n's JSON.
 * The log line matters: a free port can be taken by another n8n between `freePort()` and the bind,
 * and that other instance would answer /rest/settings just as well.
 */
async function waitForEditor(
	base: string,
	child: ChildProcess,
	logFile: string,
	logStart: number,
): Promise<void> {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode})`);
		if (readFileSync(logFile).subarray(logStart).includes('Editor is now accessible via')) {
			const settings = await fetch(`${base}/rest/settings`).then(
				async (r) => (r.ok ? ((await r.json()) as { data?: unknown }) : undefined),
				() => undefined,
			);
			if (settings?.data && child.exitCode === null) return;
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n did not answer on ${base} within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/** Creates the owner account; n8n answers with the owner's session cookie. */
async function setUpOwner(base: string): Promise<string> {
	const response = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(DEV_OWNER),
	});
	if (!response.ok)
		throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('owner setup answered without a session cookie');
	return cookie.split(';')[0];
}

/**
 * `n8n start` on an n8n folder that `prepareN8n` set up, until the REST API answers, with the
 * owner account created. The task-runner broker gets a free port so several instances can coexist.
 */
export async function serveEditor(
	n8n: N8nInstance,
	options: { port: number; log?: (text: string) => void },
): Promise<ServedEditor> {
	const base = `http://localhost:${options.port}`;
	const logFile = join(n8n.userFolder, 'n8n.log');
	const out = openSync(logFile, 'a');
	// The folder may be restarted: only what this start writes counts.
	const logStart = statSync(logFile).size;
	options.log?.(`starting the n8n editor on ${base} (log: ${logFile})`);
	const env = {
		N8N_PORT: String(options.port),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_LOG_LEVEL: 'info',
	};
	const child = n8n.spawn(['start'], env, ['ignore', out, out]);
	let stopped = false;
	const stop = async () => {
		if (stopped || child.exitCode !== null) return;
		stopped = true;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
		if (child.exitCode === null) child.kill('SIGKILL');
	};
	try {
		await waitForEditor(base, child, logFile, logStart);
		return { base, logFile, child, cookie: await setUpOwner(base), stop };
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}; see ${logFile}`);
	}
}

export async function startEditor(options: {
	workflows: ExampleWorkflow[];
	n8nPort: number;
	emulatorPort?: number;
	log?: (text: string) => void;
}): Promise<RunningEditor> {
	const emulator = await new CoreplusEmulator({ port: options.emulatorPort ?? 0 }).start();
	let n8n: N8nInstance | undefined;
	let served: ServedEditor | undefined;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await served?.stop();
		await emulator.stop();
		n8n?.dispose();
	};
	try {
		n8n = (await prepareN8n(emulator, { workflows: options.workflows, log: options.log })).n8n;
		served = await serveEditor(n8n, { port: options.n8nPort, log: options.log });
		return { ...served, emulator, n8n, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
