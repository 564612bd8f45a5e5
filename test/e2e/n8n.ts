/* A throw-away n8n instance: its own user folder, this package installed as a community package. */
import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports';

// Plain JS shared with `npm run dev` and the CLI installer; the pinned versions live there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('../../scripts/n8n-cli.js') as {
	install(): CliPaths;
	node24Env(p: CliPaths, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
	N8N_VERSION: string;
};

export interface CliPaths {
	dir: string;
	nodeBin: string;
	n8nBin: string;
}

export const PACKAGE_NAME = 'n8n-nodes-coreplus';

const COMMAND_TIMEOUT_MS = 180_000;

/** Environment that keeps n8n quiet, offline and inside its own folder. */
export function n8nEnv(userFolder: string): NodeJS.ProcessEnv {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'coreplus-e2e-encryption-key-not-a-secret',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		N8N_SECURE_COOKIE: 'false',
		DB_SQLITE_POOL_SIZE: '1',
		// n8n 2.x lets nodes read and write files only below this folder (default `~/.n8n-files` of the OS user).
		N8N_RESTRICT_FILE_ACCESS_TO: filesFolderOf(userFolder),
	};
}

/** The one folder where this instance's Read/Write Files from Disk node may read and write. */
export function filesFolderOf(userFolder: string): string {
	return join(userFolder, '.n8n-files');
}

/** Builds this repository and packs it exactly as `npm publish` would. Returns the tarball path. */
export function packPackage(repoRoot: string, into: string): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', into], {
		cwd: repoRoot,
		encoding: 'utf8',
	});
	const file = out.trim().split('\n').pop()!;
	return join(into, file);
}

export class N8nInstance {
	readonly userFolder: string;
	readonly cli: CliPaths;

	private constructor(cliPaths: CliPaths, userFolder: string) {
		this.cli = cliPaths;
		this.userFolder = userFolder;
	}

	static version = cli.N8N_VERSION;

	/** Installs the CLI if needed and creates an empty user folder. */
	static create(userFolder = mkdtempSync(join(tmpdir(), 'coreplus-n8n-'))): N8nInstance {
		return new N8nInstance(cli.install(), userFolder);
	}

	get env(): NodeJS.ProcessEnv {
		return n8nEnv(this.userFolder);
	}

	get filesFolder(): string {
		return filesFolderOf(this.userFolder);
	}

	/** Same place and same command a user runs: `cd ~/.n8n/nodes && npm install <package>`. */
	installCommunityPackage(tarball: string): void {
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true }),
		);
		execFileSync(
			'npm',
			[
				'install',
				tarball,
				'--legacy-peer-deps',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{ cwd: nodesDir, stdio: 'inherit', env: cli.node24Env(this.cli) },
		);
	}

	/**
	 * Runs one n8n CLI command (asynchronously: the emulator answering n8n lives in this process).
	 * Throws with n8n's own output when it fails.
	 */
	async run(
		args: string[],
		options: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {},
	): Promise<{ status: number; stdout: string; stderr: string }> {
		const env = cli.node24Env(this.cli, { ...this.env, ...options.env });
		const child = spawn(this.cli.nodeBin, [this.cli.n8nBin, ...args], { env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
		const status = await new Promise<number>((resolve) =>
			child.on('close', (code) => resolve(code ?? 1)),
		);
		clearTimeout(timer);
		if (status !== 0 && !options.allowFailure) {
			throw new Error(`n8n ${args.join(' ')} failed (${status}):\n${stdout}\n${stderr}`);
		}
		return { status, stdout, stderr };
	}

	/** A long-running n8n command (e.g. `start`). */
	spawn(args: string[], env: NodeJS.ProcessEnv = {}, stdio: StdioOptions = 'pipe'): ChildProcess {
		return spawn(this.cli.nodeBin, [this.cli.n8nBin, ...args], {
			env: cli.node24Env(this.cli, { ...this.env, ...env }),
			stdio,
		});
	}

	async importJson(kind: 'credentials' | 'workflow', data: unknown): Promise<void> {
		const file = join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(data, null, 2));
		await this.run([`import:${kind}`, `--input=${file}`]);
	}

	/** `n8n execute --id … --rawOutput`: the run data of one headless execution. */
	async execute(
		workflowId: string,
	): Promise<{ status: number; run?: ExecutionRun; stdout: string; stderr: string }> {
		// `execute` prints the run data through n8n's logger at level "info".
		// Its task-runner broker gets a free port: on a shared machine another n8n may hold the default 5679.
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput'], {
			allowFailure: true,
			env: { N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		});
		return { ...result, run: parseRun(result.stdout) };
	}

	dispose(): void {
		if (!process.env.COREPLUS_E2E_KEEP) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export interface ExecutionRun {
	finished?: boolean;
	status?: string;
	data: {
		resultData: {
			error?: { message: string; description?: string };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					error?: { message: string };
					data?: { main: Array<Array<{ json: Record<string, unknown>; binary?: unknown }> | null> };
				}>
			>;
		};
	};
}

/** The raw output is one pretty-printed JSON document (from a line that is just "{"); log lines may come before it. */
function parseRun(stdout: string): ExecutionRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.lastIndexOf('}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
	} catch {
		return undefined;
	}
}
