import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	queueSection,
	withQueueSection,
	writeQueueSection,
	type QueueFigures,
} from '../../scripts/bench/queueSection';

const figures = (refused429: number): QueueFigures => ({
	when: '2026-11-23T00:00:00.000Z',
	runs: 12,
	workers: 2,
	requests: 700 + refused429,
	accepted: 700,
	refused429,
	seconds: 80,
	ceilingPerSecond: 10,
	failedExecutions: 0,
	problems: [],
	totalSeconds: 120,
});

test('the queue-mode section of BENCHMARKS.md is replaced in place, leaving the rest of the file alone', () => {
	const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'BENCHMARKS.md');
	writeFileSync(file, '# Benchmarks\n\nWritten by npm run bench.\n');
	writeQueueSection(file, queueSection(figures(3)));
	writeFileSync(file, `${readFileSync(file, 'utf8')}\n## Added later by someone else\n`);
	writeQueueSection(file, queueSection(figures(5)));

	const text = readFileSync(file, 'utf8');
	expect(text.startsWith('# Benchmarks\n\nWritten by npm run bench.\n')).toBe(true);
	expect(text.endsWith('## Added later by someone else\n')).toBe(true);
	expect(text.match(/## Queue mode/g)).toHaveLength(1);
	expect(text).toContain('| 429 answers | 5 = 0.7 % of requests | ≤ 2 % |');
	expect(text).toContain('8.75 = 0.88 of the 10 req/s ceiling');
});

test('a writer that rewrites the whole file keeps the queue-mode section', () => {
	const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'BENCHMARKS.md');
	writeQueueSection(file, queueSection(figures(4)));
	writeFileSync(file, withQueueSection(file, '# Benchmarks\n\nNew bench table.\n'));

	const text = readFileSync(file, 'utf8');
	expect(text.startsWith('# Benchmarks\n\nNew bench table.\n\n<!-- queue-mode')).toBe(true);
	expect(text).toContain('| 429 answers | 4 = 0.6 % of requests | ≤ 2 % |');
});
