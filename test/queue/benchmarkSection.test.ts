import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	queueSection,
	withQueueSection,
	writeQueueSection,
	type QueueFigures,
} from '../../scripts/bench/queueSection';

const row = (label: string, workers: number, refused429: number, seconds: number) => ({
	label,
	workers,
	requests: 700 + refused429,
	accepted: 700,
	refused429,
	seconds,
	failedExecutions: 0,
	problems: [],
});

const figures = (refused429: number): QueueFigures => ({
	when: '2026-11-23T00:00:00.000Z',
	runs: 12,
	ceilingPerSecond: 10,
	rows: [
		row('one worker', 1, 0, 75),
		row('share declared (2)', 2, 0, 76),
		row('nothing declared', 2, refused429, 80),
	],
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
	expect(text).toContain(
		'| Measure | one worker | share declared (2) | nothing declared | Target |',
	);
	expect(text).toContain('| 429 answers | 0 = 0.0 % | 0 = 0.0 % | 5 = 0.7 % | ≤ 1 % declared |');
	expect(text).toContain('| 0.93 (9.33/s) | 0.92 (9.21/s) | 0.88 (8.75/s) |');
});

test('a writer that rewrites the whole file keeps the queue-mode section', () => {
	const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'BENCHMARKS.md');
	writeQueueSection(file, queueSection(figures(4)));
	writeFileSync(file, withQueueSection(file, '# Benchmarks\n\nNew bench table.\n'));

	const text = readFileSync(file, 'utf8');
	expect(text.startsWith('# Benchmarks\n\nNew bench table.\n\n<!-- queue-mode')).toBe(true);
	expect(text).toContain('| 4 = 0.6 % | ≤ 1 % declared |');
});
