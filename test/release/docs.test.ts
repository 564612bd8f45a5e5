import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/* The documentation checks of `npm run release:check`, on the real files and on broken fixtures. */
// Plain JS shared with `npm run release:check`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require('../../scripts/release-check.js') as {
	wordCount(markdown: string): number;
	readmeLengthProblems(markdown?: string, limit?: number): string[];
	readmeJargonProblems(markdown?: string): string[];
	documentationFiles(root?: string): string[];
	relativeLinkProblems(files?: string[], root?: string): string[];
	tableProblems(file: string, markdown: string): string[];
	documentationProblems(): string[];
};

function fixture(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'docs-fixture-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(join(root, name, '..'), { recursive: true });
		writeFileSync(join(root, name), text);
	}
	return root;
}

test('the README, CONTRIBUTING, examples/README and docs/ pass every documentation check', () => {
	expect(release.documentationFiles()).toEqual(
		expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'examples/README.md']),
	);
	expect(release.documentationFiles().some((file) => file.startsWith('docs/'))).toBe(true);
	expect(release.documentationProblems()).toEqual([]);
});

describe('README length', () => {
	const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

	it('fails past 2,000 words, not at 2,000', () => {
		expect(release.readmeLengthProblems(words(2000))).toEqual([]);
		expect(release.readmeLengthProblems(words(2001))).toEqual([
			'README.md has 2001 words, more than 2000: move detail into docs/',
		]);
	});

	it('counts what a reader reads: not code blocks, comments, link targets or bare symbols', () => {
		const text = [
			'Two words [and a link](https://example.com/a/long/path "title") →',
			'```bash',
			'npm ci && npm test',
			'```',
			'<!-- a comment -->',
		].join('\n');
		expect(release.wordCount(text)).toBe(5);
	});
});

test('README jargon is reported with its line; the same word inside a code block is not', () => {
	const text = [
		'# Title',
		'',
		'The envelope of the answer, RFC 6266.',
		'```',
		'nbf exp',
		'```',
	].join('\n');
	expect(release.readmeJargonProblems(text)).toEqual([
		'README.md:3: jargon "envelope": explain it in docs/',
		'README.md:3: jargon "RFC 6266": explain it in docs/',
	]);
});

describe('relative links', () => {
	it('reports a missing file and a missing anchor, in README and docs/, and accepts the rest', () => {
		const root = fixture({
			'README.md': [
				'# Title',
				'',
				'[ok](docs/page.md#how-it-works) [ok](#title) [ok](examples/) ![ok](docs/shot.png)',
				'[web](https://example.com/#nothing) `[code](not-checked.md)`',
				'[bad](docs/gone.md) [bad](docs/page.md#nowhere)',
			].join('\n'),
			'docs/page.md':
				'# How it works\n\n[bad](../README.md#no-such-heading) [ok](../README.md#title)\n',
			'docs/shot.png': '',
			'examples/a.json': '{}',
		});
		const files = release.documentationFiles(root);
		expect(files.sort()).toEqual(['README.md', 'docs/page.md']);
		expect(release.relativeLinkProblems(files, root)).toEqual([
			'README.md:5: docs/gone.md: no such file',
			'README.md:5: docs/page.md#nowhere: no heading gives the anchor #nowhere',
			'docs/page.md:3: ../README.md#no-such-heading: no heading gives the anchor #no-such-heading',
		]);
	});
});

describe('tables', () => {
	const good = ['Text.', '', '| A | B |', '|---|---|', '| 1 | `x \\| y` |', '', 'More.'];

	it('accepts a well-formed table, an escaped pipe included', () => {
		expect(release.tableProblems('f.md', good.join('\n'))).toEqual([]);
	});

	it('reports a row with another cell count, a missing separator, and no blank line around', () => {
		const broken = ['Text.', '| A | B |', '| 1 | 2 |', '| 1 | 2 | 3 |', 'More.'].join('\n');
		expect(release.tableProblems('f.md', broken)).toEqual([
			"f.md:2: the table's second line is not a |---| separator",
			'f.md:4: 3 cells, the header has 2',
			'f.md:2: no blank line before the table',
			'f.md:5: no blank line after the table',
		]);
	});

	it('ignores pipes inside code blocks', () => {
		expect(release.tableProblems('f.md', '```\n| a |\nb\n```\n')).toEqual([]);
	});
});

test("the README opens with the two fresh-machine commands, and .ci/run runs the README's test command first", () => {
	const root = join(__dirname, '../..');
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const [, firstBlock] = /```bash\n([\s\S]*?)```/.exec(readme)!;
	const commands = firstBlock
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split('#')[0].trim());
	expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
	const ci = readFileSync(join(root, '.ci/run'), 'utf8');
	const firstCommand = ci.split('\n').find((line) => line && !/^(#|set |cd )/.test(line));
	expect(firstCommand).toBe(commands[1]);
});
