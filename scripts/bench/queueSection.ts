/*
 * The queue-mode figures live in their own marked section of BENCHMARKS.md, replaced in place on
 * each run, so that other writers of the file keep their parts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface QueueFigures {
	when: string;
	runs: number;
	workers: number;
	requests: number;
	accepted: number;
	refused429: number;
	seconds: number;
	ceilingPerSecond: number;
	failedExecutions: number;
	problems: string[];
	coldSeconds?: number;
	totalSeconds: number;
}

const START = '<!-- queue-mode: written by npm run test:queue (test/queue/run.ts) -->';
const END = '<!-- /queue-mode -->';

export function queueSection(f: QueueFigures): string {
	const throughput = f.seconds > 0 ? f.accepted / f.seconds : 0;
	const ratio = throughput / f.ceilingPerSecond;
	const share = f.requests ? f.refused429 / f.requests : 0;
	const machine = `${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
	return [
		START,
		'## Queue mode (n8n main + workers sharing one consumer)',
		'',
		`- Run: ${f.when}, whole run ${f.totalSeconds.toFixed(0)} s (${installs(f.coldSeconds)}); machine: ${machine}`,
		`- n8n 2.41.1: 1 main + ${f.workers} workers (\`EXECUTIONS_MODE=queue\`), Redis and PostgreSQL from Debian; the emulator enforces 10 requests/s for the consumer`,
		`- Load: ${f.runs} webhook executions at once, each: find 3 free slots, book them, list all 5,000 clients (50 pages)`,
		'',
		'| Measure | Result | Target |',
		'|---|---|---|',
		`| Failed executions / listing or booking problems | ${f.failedExecutions} of ${f.runs} / ${f.problems.length} | 0 / 0 |`,
		`| Requests answered (accepted + 429) | ${f.accepted} + ${f.refused429} in ${f.seconds.toFixed(1)} s | |`,
		`| Aggregate throughput (accepted requests/s) | ${throughput.toFixed(2)} = ${ratio.toFixed(2)} of the 10 req/s ceiling | ≥ 0.85 |`,
		`| 429 answers | ${f.refused429} = ${(share * 100).toFixed(1)} % of requests | ≤ 2 % |`,
		'',
		'Throughput is accepted requests per second from the first request to the last; when executions fail, they stop sending, so it shows the pace kept, not the work done.',
		'',
		...(f.problems.length
			? ['Problems seen:', '', ...f.problems.slice(0, 12).map((p) => `- ${p}`), '']
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
