/*
 * The queue-mode figures live in their own marked section of BENCHMARKS.md, replaced in place on
 * each run, so that other writers of the file keep their parts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One load of the same executions, measured from the emulator's log. */
export interface QueueRun {
	/** What paced the processes, e.g. "declared share (2 processes)". */
	label: string;
	/** The worker processes that ran the executions. */
	workers: number;
	requests: number;
	accepted: number;
	refused429: number;
	seconds: number;
	failedExecutions: number;
	problems: string[];
}

export interface QueueFigures {
	when: string;
	runs: number;
	ceilingPerSecond: number;
	rows: QueueRun[];
	coldSeconds?: number;
	totalSeconds: number;
}

const START = '<!-- queue-mode: written by npm run test:queue (test/queue/run.ts) -->';
const END = '<!-- /queue-mode -->';

/** Accepted requests per second against the consumer's ceiling (0..1). */
export function ceilingShare(run: QueueRun, ceilingPerSecond: number): number {
	return run.seconds > 0 ? run.accepted / run.seconds / ceilingPerSecond : 0;
}

export function share429(run: QueueRun): number {
	return run.requests ? run.refused429 / run.requests : 0;
}

export function queueSection(f: QueueFigures): string {
	const machine = `${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
	const cells = (cell: (run: QueueRun) => string) => f.rows.map(cell).join(' | ');
	const problems = f.rows.flatMap((run) => run.problems.map((p) => `${run.label}: ${p}`));
	return [
		START,
		'## Queue mode (n8n main + workers sharing one consumer)',
		'',
		`- Run: ${f.when}, whole run ${f.totalSeconds.toFixed(0)} s (${installs(f.coldSeconds)}); machine: ${machine}`,
		'- n8n 2.41.1 in queue mode (`EXECUTIONS_MODE=queue`), Redis and PostgreSQL from Debian; the emulator enforces 10 requests/s for the consumer',
		`- Load, the same for each column: ${f.runs} webhook executions at once, each: find 3 free slots, book them, list all 5,000 clients (50 pages)`,
		'',
		`| Measure | ${cells((run) => run.label)} | Target |`,
		`|---|${f.rows.map(() => '---|').join('')}---|`,
		`| Worker processes | ${cells((run) => String(run.workers))} | |`,
		`| Failed executions / listing or booking problems | ${cells((run) => `${run.failedExecutions} of ${f.runs} / ${run.problems.length}`)} | 0 / 0 |`,
		`| Requests answered (accepted + 429) | ${cells((run) => `${run.accepted} + ${run.refused429} in ${run.seconds.toFixed(1)} s`)} | |`,
		`| Share of the 10 req/s ceiling (accepted requests/s) | ${cells((run) => `${ceilingShare(run, f.ceilingPerSecond).toFixed(2)} (${(run.seconds > 0 ? run.accepted / run.seconds : 0).toFixed(2)}/s)`)} | ≥ 0.9 declared |`,
		`| 429 answers | ${cells((run) => `${run.refused429} = ${(share429(run) * 100).toFixed(1)} %`)} | ≤ 1 % declared |`,
		'',
		'Throughput is accepted requests per second from the first request to the last; when executions fail, they stop sending, so it shows the pace kept, not the work done.',
		'',
		...(problems.length
			? ['Problems seen:', '', ...problems.slice(0, 12).map((p) => `- ${p}`), '']
			: []),
		END,
	].join('\n');
}

function installs(coldSeconds: number | undefined): string {
	if (coldSeconds === undefined || coldSeconds < 1)
		return 'Redis, PostgreSQL and the n8n CLI were already installed';
	return `of which ${coldSeconds.toFixed(0)} s installing Redis, PostgreSQL or the n8n CLI`;
}

export function writeQueueSection(file: string, section: string): void {
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	const next =
		start >= 0 && end > start
			? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
			: `${current.trimEnd()}\n\n${section}\n`;
	writeFileSync(file, next);
}

/** For other writers of BENCHMARKS.md that rewrite the whole file: their text plus the queue-mode section it already has. */
export function withQueueSection(file: string, markdown: string): string {
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	return start >= 0 && end > start
		? `${markdown.trimEnd()}\n\n${current.slice(start, end + END.length)}\n`
		: markdown;
}
