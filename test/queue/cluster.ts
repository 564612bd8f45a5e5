/*
 * n8n in queue mode: one main (`n8n start`: editor, webhooks, puts executions on the queue) and
 * workers (`n8n worker`: take executions from the queue and run them), sharing Redis, PostgreSQL
 * and the encryption key. Each process has its own user folder with this package installed as a
 * community package, as on separate machines, and its own task-runner broker port.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../e2e/editor';
import { N8nInstance, PACKAGE_NAME } from '../e2e/n8n';
import { startService, type Service } from './processes';
import type { Databases } from './services';

// The same Node 24 environment N8nInstance.spawn uses (plain JS shared with scripts/n8n-cli.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('../../scripts/n8n-cli.js') as {
	node24Env(p: N8nInstance['cli'], extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
};

const READY_TIMEOUT_MS = 240_000;
const WORKER_CONCURRENCY = 10;

export interface QueueCluster {
	base: string;
	main: Service;
	workers: Service[];
	/** Workers first, then the main (it waits for nothing the workers hold). */
	services: Service[];
	/** Workers named so far (worker1, worker2, …). */
	named: number;
}

/** What every process of the cluster shares: the queue, the database and the encryption key (set by n8nEnv). */
export function sharedEnv(databases: Databases): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(databases.redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(databases.postgres.port),
		DB_POSTGRESDB_USER: databases.postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: databases.postgres.database,
		// The worker's own health server would take port 5678 too; nothing here needs it.
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_LOG_LEVEL: 'info',
	};
}

/** Copies the installed community package into another user folder (same files `npm install` put there). */
export function copyInstalledPackage(from: N8nInstance, to: N8nInstance): void {
	const nodes = (n8n: N8nInstance) => join(n8n.userFolder, '.n8n', 'nodes');
	if (!existsSync(join(nodes(from), 'node_modules', PACKAGE_NAME)))
		throw new Error(`${PACKAGE_NAME} is not installed in ${from.userFolder}`);
	cpSync(nodes(from), nodes(to), { recursive: true });
}

/** `n8n import:*` against the shared database (N8nInstance.importJson would use SQLite). */
export async function importInto(
	n8n: N8nInstance,
	env: NodeJS.ProcessEnv,
	kind: 'credentials' | 'workflow',
	data: unknown,
): Promise<void> {
	const file = join(n8n.userFolder, `import-${kind}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2));
	await n8n.run([`import:${kind}`, `--input=${file}`], { env });
}

async function waitFor(
	what: string,
	service: Service,
	ready: () => Promise<boolean>,
): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (service.child.exitCode !== null)
			throw new Error(`${service.name} exited (${service.child.exitCode}); see ${service.logFile}`);
		if (await ready().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`${what} not ready within ${READY_TIMEOUT_MS / 1000} s; see ${service.logFile}`);
}

function startN8n(n8n: N8nInstance, name: string, args: string[], env: NodeJS.ProcessEnv): Service {
	return startService(name, n8n.cli.nodeBin, [n8n.cli.n8nBin, ...args], {
		env: cli.node24Env(n8n.cli, { ...n8n.env, ...env }),
		logFile: join(n8n.userFolder, `${name}.log`),
		// n8n drains running executions on SIGTERM; a test run has nothing worth waiting for.
		graceMs: 10_000,
	});
}

/**
 * Starts the main and the given workers at once (they start in parallel; each needs the database
 * migrated, which `importInto` did before), and waits until the main serves `webhookPath` and
 * every worker reports ready. More workers join later with `addWorker`.
 */
export async function startCluster(
	main: N8nInstance,
	workers: N8nInstance[],
	env: NodeJS.ProcessEnv,
	webhookPath: string,
): Promise<QueueCluster> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const mainService = startN8n(main, 'main', ['start'], {
		...env,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	});
	const cluster: QueueCluster = {
		base,
		main: mainService,
		workers: [],
		services: [mainService],
		named: 0,
	};
	const starting = [];
	for (const worker of workers) starting.push(addWorker(cluster, worker, env));
	// A registered POST webhook answers a GET with "not registered for GET requests": activation is done.
	await waitFor('n8n main', mainService, async () => {
		const response = await fetch(`${base}/webhook/${webhookPath}`);
		return (await response.text()).includes('not registered for GET');
	});
	await Promise.all(starting);
	return cluster;
}

/** Starts one more worker and waits until it reports ready (stopped before the main at the end). */
export async function addWorker(
	cluster: QueueCluster,
	worker: N8nInstance,
	env: NodeJS.ProcessEnv,
): Promise<Service> {
	const name = `worker${++cluster.named}`;
	const service = startN8n(worker, name, ['worker', `--concurrency=${WORKER_CONCURRENCY}`], {
		...env,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	});
	cluster.workers.push(service);
	cluster.services.unshift(service);
	await waitFor(name, service, async () =>
		readFileSync(service.logFile, 'utf8').includes('n8n worker is now ready'),
	);
	return service;
}
