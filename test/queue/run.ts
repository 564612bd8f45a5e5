/*
 * `npm run test:queue`: this package in n8n's queue mode, under load, against one rate-limited consumer.
 *
 * 1. Redis and PostgreSQL from Debian's packages (scripts/services.sh installs them when missing),
 *    free ports, data in this run's temporary folder;
 * 2. the pinned n8n CLI as 1 main + 2 workers, this package (packed as for npm) installed as a
 *    community package in each process's user folder, the credential and one webhook workflow
 *    imported into the shared database and published;
 * 3. 12 executions at once through the main's webhook (test/queue/workload.ts), against the
 *    emulator enforcing coreplus' 10 requests/s for the consumer;
 * 4. asserts: no failed execution, every listing exact, every booking exactly once, 429 answers
 *    at most 5 % of requests (target 2 %, reported); writes throughput and 429s into BENCHMARKS.md's queue-mode section.
 *
 * Everything it starts is stopped at the end, and killed when the hard limit strikes
 * (COREPLUS_QUEUE_LIMIT_S, default 900 s). COREPLUS_QUEUE_KEEP=1 keeps the temporary folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreplusEmulator, REQUESTS_PER_SECOND } from '../../emulator/server';
import { N8nInstance, packPackage } from '../e2e/n8n';
import { writeQueueSection, queueSection } from '../../scripts/bench/queueSection';
import {
	copyInstalledPackage,
	importInto,
	sharedEnv,
	startCluster,
	type QueueCluster,
} from './cluster';
import { enforceHardLimit, killAll, stopAll } from './processes';
import { executionRecords } from './executions';
import { installServices, startPostgres, startRedis, type Databases } from './services';
import { checkRuns, fireRuns, loadWorkflow, WEBHOOK_PATH, WORKFLOW_ID } from './workload';

const REPO_ROOT = join(__dirname, '..', '..');
const RUNS = 12;
const WORKERS = 2;
const CLIENTS = 5000;
// The target is at most 2 % of requests answered 429 (reported with the throughput, like a bench
// figure); the assertion allows 5 %, because the share moves with the machine's load (1.0-1.9 %
// measured here) and a flaky CI run would block every change. Per-process limiters that do not
// react to 429s gave 24-48 % and failed executions, so 5 % still proves the coordination.
const TARGET_429_SHARE = 0.02;
const MAX_429_SHARE = 0.05;
const TARGET_RATIO = 0.85;
const CREDENTIAL = { id: 'coreplusQueueCred', name: 'coreplus emulator' };

const started = Date.now();
const seconds = (since: number) => (Date.now() - since) / 1000;
const step = (text: string) => console.log(`[queue ${seconds(started).toFixed(1)} s] ${text}`);

async function main(): Promise<number> {
	const root = mkdtempSync(join(tmpdir(), 'coreplus-queue-'));
	// PostgreSQL runs as its own user when we are root: it must be able to reach its folder.
	chmodSync(root, 0o711);
	const removeRoot = () => {
		if (!process.env.COREPLUS_QUEUE_KEEP) rmSync(root, { recursive: true, force: true });
	};
	const release = enforceHardLimit(
		Number(process.env.COREPLUS_QUEUE_LIMIT_S ?? 900) * 1000,
		removeRoot,
		step,
	);

	const emulator = await new CoreplusEmulator({ clients: CLIENTS, latencyMs: 30 }).start();
	let databases: Partial<Databases> = {};
	let cluster: QueueCluster | undefined;
	try {
		const installing = Date.now();
		installServices();
		const main = N8nInstance.create(join(root, 'main'));
		const workers = Array.from({ length: WORKERS }, (_, i) =>
			N8nInstance.create(join(root, `worker${i + 1}`)),
		);
		const coldSeconds = seconds(installing);
		step(
			`services and n8n ${N8nInstance.version} present (${coldSeconds.toFixed(1)} s); temporary folder ${root}`,
		);

		databases.redis = await startRedis(join(root, 'redis'));
		databases.postgres = await startPostgres(join(root, 'postgres'));
		step(`Redis on ${databases.redis.port}, PostgreSQL on ${databases.postgres.port}`);

		main.installCommunityPackage(packPackage(REPO_ROOT, root));
		for (const worker of workers) copyInstalledPackage(main, worker);
		const env = sharedEnv(databases as Databases);
		// The first command migrates the shared database; the processes started after it find it ready.
		await importInto(main, env, 'credentials', [
			{ ...CREDENTIAL, type: 'coreplusApi', data: emulator.credentials() },
		]);
		await importInto(main, env, 'workflow', [loadWorkflow(CREDENTIAL)]);
		await main.run(['publish:workflow', `--id=${WORKFLOW_ID}`], { env });
		step(
			'package installed in 3 user folders; credential and workflow imported, workflow published',
		);

		cluster = await startCluster(main, workers, env, WEBHOOK_PATH);
		step(`main on ${cluster.base} and ${WORKERS} workers ready; firing ${RUNS} executions at once`);

		emulator.resetLog();
		const answers = await fireRuns(cluster.base, RUNS);
		const problems = checkRuns(emulator, answers);
		const records = executionRecords(databases.postgres);
		const failedExecutions = records.total - records.succeeded;
		if (records.total !== RUNS)
			problems.push(`${records.total} execution record(s) in the database, ${RUNS} expected`);
		problems.push(...records.failureReasons);
		step(`executions by status: ${records.byStatus}`);

		const requests = emulator.requests;
		const refused429 = requests.filter((r) => r.status === 429).length;
		const times = requests.map((r) => r.receivedAt);
		const span = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
		const figures = {
			when: new Date().toISOString(),
			runs: RUNS,
			workers: WORKERS,
			requests: requests.length,
			accepted: requests.length - refused429,
			refused429,
			seconds: span,
			ceilingPerSecond: REQUESTS_PER_SECOND,
			failedExecutions,
			problems,
			coldSeconds,
			totalSeconds: seconds(started),
		};
		writeQueueSection(join(REPO_ROOT, 'BENCHMARKS.md'), queueSection(figures));
		const throughput = span ? figures.accepted / span : 0;
		step(
			`${figures.accepted} accepted + ${refused429} refused (429) requests in ${span.toFixed(1)} s: ` +
				`${throughput.toFixed(2)} req/s = ${(throughput / REQUESTS_PER_SECOND).toFixed(2)} of the ceiling (target ≥ ${TARGET_RATIO}); written to BENCHMARKS.md`,
		);

		const failures = [...problems];
		if (failedExecutions) failures.push(`${failedExecutions} execution(s) did not succeed`);
		if (refused429 > MAX_429_SHARE * requests.length) {
			failures.push(
				`${refused429} of ${requests.length} requests answered 429 (${((refused429 / requests.length) * 100).toFixed(1)} %, at most ${MAX_429_SHARE * 100} % allowed)`,
			);
		}
		if (
			refused429 > TARGET_429_SHARE * requests.length &&
			refused429 <= MAX_429_SHARE * requests.length
		) {
			step(
				`NOTE ${((refused429 / requests.length) * 100).toFixed(1)} % of requests answered 429, above the ${TARGET_429_SHARE * 100} % target (allowed up to ${MAX_429_SHARE * 100} %)`,
			);
		}
		for (const failure of failures) step(`FAIL ${failure}`);
		step(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
		return failures.length ? 1 : 0;
	} finally {
		await stopAll([...(cluster?.services ?? []), databases.postgres, databases.redis]);
		// Whatever started before a failure (e.g. a worker while the main did not come up).
		killAll();
		await emulator.stop();
		release();
		removeRoot();
		step(`stopped everything (${seconds(started).toFixed(0)} s in all)`);
	}
}

main().then(
	(code) => (process.exitCode = code),
	(error: Error) => {
		console.error(`[queue] ${error.message}`);
		process.exitCode = 1;
	},
);
