/*
 * `npm run test:queue`: this package in n8n's queue mode, under load, against one rate-limited consumer.
 *
 * 1. Redis and PostgreSQL from Debian's packages (scripts/services.sh installs them when missing),
 *    free ports, data in this run's temporary folder;
 * 2. the pinned n8n CLI as 1 main + workers, this package (packed as for npm) installed as a
 *    community package in each process's user folder, the credentials and the webhook workflows
 *    imported into the shared database and published;
 * 3. the same load three times, 12 executions at once through the main's webhook
 *    (test/queue/workload.ts), against the emulator enforcing coreplus' 10 requests/s for the
 *    consumer: first with one worker (the single-process baseline, measured on this machine now),
 *    then with two workers and the credential declaring the share (n8n Processes Sharing This
 *    Consumer = 2), then with two workers and nothing declared (they find their share by 429s);
 * 4. asserts: no failed execution, every listing exact, every booking exactly once, 429 answers at
 *    most 5 % of requests in every load; with the share declared at most 1 % more than one worker
 *    met, fewer than with nothing declared, and at least DECLARED_FLOOR of the lone worker's pace
 *    (all measured in the same run). Writes the three columns into
 *    BENCHMARKS.md's queue-mode section.
 *
 * Everything it starts is stopped at the end, and killed when the hard limit strikes
 * (COREPLUS_QUEUE_LIMIT_S, default 1500 s). COREPLUS_QUEUE_KEEP=1 keeps the temporary folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreplusEmulator, REQUESTS_PER_SECOND } from '../../emulator/server';
import { N8nInstance, packPackage } from '../e2e/n8n';
import {
	ceilingShare,
	queueSection,
	share429,
	writeQueueSection,
	type QueueRun,
} from '../../scripts/bench/queueSection';
import {
	addWorker,
	copyInstalledPackage,
	importInto,
	sharedEnv,
	startCluster,
	type QueueCluster,
} from './cluster';
import { enforceHardLimit, killAll, stopAll } from './processes';
import { executionRecords } from './executions';
import { installServices, startPostgres, startRedis, type Databases } from './services';
import { checkRuns, fireRuns, loadWorkflow, webhookPathOf, workflowIdOf } from './workload';

const REPO_ROOT = join(__dirname, '..', '..');
const RUNS = 12;
const WORKERS = 2;
const CLIENTS = 5000;
// Every load: at most 5 % of requests answered 429 (limiters that ignore 429s gave 24-48 % and
// failed executions). Nothing declared, the workers find their share by meeting 429s (2-3 %).
const MAX_429_SHARE = 0.05;
// The share declared, nothing needs to meet a 429: at most 1 % more than one process alone met in
// the same run (on a loaded machine a lone process meets a few: its requests leave in pace but
// reach the server bunched), and the pace at least this share of the lone process' (the machine's
// load moves both alike). Pacing that ignores the share meets 429s from the first second; one that
// paces too slowly falls below the floor.
const MAX_EXTRA_DECLARED_429_SHARE = 0.01;
const DECLARED_FLOOR = 0.9;

const LONE = { id: 'coreplusQueueCred', name: 'coreplus emulator' };
const SHARED = { id: 'coreplusQueueShared', name: 'coreplus emulator (shared by 2 processes)' };
const LOADS = [
	{ index: 0, label: 'one worker', credential: LONE, workers: 1 },
	{ index: 1, label: 'share declared (2)', credential: SHARED, workers: WORKERS },
	{ index: 2, label: 'nothing declared', credential: LONE, workers: WORKERS },
] as const;
type Load = (typeof LOADS)[number];

const started = Date.now();
const seconds = (since: number) => (Date.now() - since) / 1000;
const step = (text: string) => console.log(`[queue ${seconds(started).toFixed(1)} s] ${text}`);

/** Fires one load through the main and measures it from the emulator's log and n8n's records. */
async function runLoad(
	emulator: CoreplusEmulator,
	base: string,
	postgres: Databases['postgres'],
	load: Load,
): Promise<QueueRun> {
	emulator.resetLog();
	const answers = await fireRuns(base, RUNS, load);
	const problems = checkRuns(emulator, answers, load);
	const records = executionRecords(postgres, workflowIdOf(load));
	if (records.total !== RUNS)
		problems.push(`${records.total} execution record(s) in the database, ${RUNS} expected`);
	problems.push(...records.failureReasons);
	step(`${load.label}: executions by status: ${records.byStatus}`);
	const requests = emulator.requests;
	const refused429 = requests.filter((r) => r.status === 429).length;
	const times = requests.map((r) => r.receivedAt);
	const run: QueueRun = {
		label: load.label,
		workers: load.workers,
		requests: requests.length,
		accepted: requests.length - refused429,
		refused429,
		seconds: times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0,
		failedExecutions: records.total - records.succeeded,
		problems,
	};
	step(
		`${load.label}: ${run.accepted} accepted + ${refused429} refused (429) requests in ${run.seconds.toFixed(1)} s = ` +
			`${ceilingShare(run, REQUESTS_PER_SECOND).toFixed(2)} of the ceiling, ${(share429(run) * 100).toFixed(1)} % 429`,
	);
	return run;
}

/** Every check of the three loads; empty when all passed. */
function failuresOf([single, declared, ...others]: QueueRun[]): string[] {
	const failures: string[] = [];
	for (const run of [single, declared, ...others]) {
		failures.push(...run.problems.map((p) => `${run.label}: ${p}`));
		if (run.failedExecutions)
			failures.push(`${run.label}: ${run.failedExecutions} execution(s) did not succeed`);
		if (share429(run) > MAX_429_SHARE)
			failures.push(
				`${run.label}: ${(share429(run) * 100).toFixed(1)} % of requests answered 429 (at most ${MAX_429_SHARE * 100} %)`,
			);
	}
	const max429 = share429(single) + MAX_EXTRA_DECLARED_429_SHARE;
	if (share429(declared) > max429)
		failures.push(
			`${declared.label}: ${declared.refused429} of ${declared.requests} requests answered 429 (${(share429(declared) * 100).toFixed(1)} %, at most ${(max429 * 100).toFixed(1)} %: 1 % more than one worker met)`,
		);
	// Declaring the share must spare the 429s the workers meet finding it (2 of 27 and 3 of 21
	// measured; pacing that ignored the share met 15 against 12).
	const undeclared = others[0];
	if (undeclared && declared.refused429 >= undeclared.refused429)
		failures.push(
			`${declared.label}: ${declared.refused429} 429 answers, not fewer than the ${undeclared.refused429} met with ${undeclared.label}`,
		);
	const floor = DECLARED_FLOOR * ceilingShare(single, REQUESTS_PER_SECOND);
	if (ceilingShare(declared, REQUESTS_PER_SECOND) < floor)
		failures.push(
			`${declared.label}: ${ceilingShare(declared, REQUESTS_PER_SECOND).toFixed(2)} of the ceiling, below ${floor.toFixed(2)} (${DECLARED_FLOOR} × the ${ceilingShare(single, REQUESTS_PER_SECOND).toFixed(2)} one worker reached)`,
		);
	return failures;
}

async function main(): Promise<number> {
	const root = mkdtempSync(join(tmpdir(), 'coreplus-queue-'));
	// PostgreSQL runs as its own user when we are root: it must be able to reach its folder.
	chmodSync(root, 0o711);
	const removeRoot = () => {
		if (!process.env.COREPLUS_QUEUE_KEEP) rmSync(root, { recursive: true, force: true });
	};
	const release = enforceHardLimit(
		Number(process.env.COREPLUS_QUEUE_LIMIT_S ?? 1500) * 1000,
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
		const data = emulator.credentials();
		await importInto(main, env, 'credentials', [
			{ ...LONE, type: 'coreplusApi', data },
			{ ...SHARED, type: 'coreplusApi', data: { ...data, sharedBy: WORKERS } },
		]);
		await importInto(main, env, 'workflow', LOADS.map(loadWorkflow));
		for (const load of LOADS)
			await main.run(['publish:workflow', `--id=${workflowIdOf(load)}`], { env });
		step(
			'package installed in 3 user folders; credentials and workflows imported, workflows published',
		);

		cluster = await startCluster(main, workers.slice(0, 1), env, webhookPathOf(LOADS[0]));
		step(`main on ${cluster.base} and 1 worker ready; firing ${RUNS} executions at once`);
		const rows = [await runLoad(emulator, cluster.base, databases.postgres, LOADS[0])];
		for (const worker of workers.slice(1)) await addWorker(cluster, worker, env);
		step(`${WORKERS} workers ready`);
		for (const load of LOADS.slice(1))
			rows.push(await runLoad(emulator, cluster.base, databases.postgres, load));

		writeQueueSection(
			join(REPO_ROOT, 'BENCHMARKS.md'),
			queueSection({
				when: new Date().toISOString(),
				runs: RUNS,
				ceilingPerSecond: REQUESTS_PER_SECOND,
				rows,
				coldSeconds,
				totalSeconds: seconds(started),
			}),
		);
		step('written to BENCHMARKS.md');
		const failures = failuresOf(rows);
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
