import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { Coreplus } from '../../nodes/Coreplus/Coreplus.node';
import { resources } from '../../nodes/Coreplus/actions/resources';
import { CoreplusTrigger } from '../../nodes/CoreplusTrigger/CoreplusTrigger.node';
import { LISTS, RECORDS, WRITES } from '../../nodes/Coreplus/transport/endpoints';
import { allExamples } from '../e2e/workflows';

/*
 * The docs name only what exists: every operation is documented, every parameter a doc writes in
 * italics is one the editor shows, every example is listed, every repository path named in a doc
 * or a comment is there, and nothing cites notes or issues a reader cannot open.
 * Convention (CONTRIBUTING.md, "Writing the docs"): a Title Case *italic* names a parameter, an
 * option or a label exactly as the editor shows it; a path is written `Options → Cancel Request Form`.
 */
// Plain JS shared with `npm run release:check`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const references = require('../../scripts/doc-references.js') as {
	readableTexts(docs: string[], root?: string): Array<{ file: string; line: number; text: string }>;
	missingPathProblems(
		texts: Array<{ file: string; line: number; text: string }>,
		root?: string,
	): string[];
	unshippedCitationProblems(texts: Array<{ file: string; line: number; text: string }>): string[];
	exampleIndexProblems(root?: string): string[];
	italicSpans(markdown: string): Array<{ line: number; text: string }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require('../../scripts/release-check.js') as { documentationFiles(): string[] };

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

function fixture(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'doc-references-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(join(root, name, '..'), { recursive: true });
		writeFileSync(join(root, name), text);
	}
	return root;
}

describe('repository paths and citations', () => {
	const root = fixture({
		'nodes/a.ts': [
			'// Reads nodes/b.ts and nodes/gone.ts (see docs/page.md#x, test/).',
			"const fixture = 'nodes/only-in-a-string.ts';",
			'/* As the API reference §5a shows (issue 24 item 3). */',
			'export const url = `https://example.com/docs/x.md`; // scripts/none.js',
		].join('\n'),
		'nodes/b.ts': '',
		'test/kept.ts': '',
		'docs/page.md':
			'See `nodes/b.ts`, `emulator/missing.ts`, `page.md`, `gone.md` and dist/ after a build.\n',
	});
	const texts = references.readableTexts(['docs/page.md'], root);

	it('reports a named file that is not there, in a doc and in a comment, never in a string', () => {
		expect(references.missingPathProblems(texts, root)).toEqual([
			'docs/page.md:1: names emulator/missing.ts, which is not in the repository',
			'docs/page.md:1: names docs/gone.md, which is not in the repository',
			'nodes/a.ts:1: names nodes/gone.ts, which is not in the repository',
			'nodes/a.ts:4: names scripts/none.js, which is not in the repository',
		]);
	});

	it('reports a citation of unshipped notes and of an issue number', () => {
		expect(references.unshippedCitationProblems(texts)).toEqual([
			expect.stringMatching(/^nodes\/a\.ts:3: "§5" cites a section of unshipped notes/),
			expect.stringMatching(/^nodes\/a\.ts:3: "issue 24" cites an issue number/),
		]);
	});
});

test('every example workflow is listed in examples/README.md', () => {
	expect(references.exampleIndexProblems()).toEqual([]);
	const root = fixture({
		'examples/README.md': '| [a.json](a.json) | … |\n',
		'examples/a.json': '{}',
		'examples/b.json': '{}',
	});
	expect(references.exampleIndexProblems(root)).toEqual([
		'examples/b.json is not listed in examples/README.md',
	]);
});

/** The operations table rows of docs/operations.md and docs/messages.md: `| Resource | Operation |`. */
function documentedOperations(): Set<string> {
	const rows = ['docs/operations.md']
		.flatMap((file) => read(file).split('\n'))
		.map((line) => line.split('|').map((cell) => cell.trim()))
		.filter((cells) => cells.length > 3);
	return new Set(rows.map((cells) => `${cells[1]} → ${cells[2]}`));
}

test('every operation of the node has its row in docs/operations.md and is named in the README', () => {
	const documented = documentedOperations();
	const readmeRows = read('README.md').split('\n');
	const missing: string[] = [];
	for (const resource of resources) {
		const readmeRow = readmeRows.find((line) => line.startsWith(`| ${resource.name} |`)) ?? '';
		for (const operation of resource.operations) {
			const name = `${resource.name} → ${operation.name}`;
			if (!documented.has(name)) missing.push(`docs/operations.md: no row for ${name}`);
			if (!readmeRow.includes(`**${operation.name}**`)) missing.push(`README.md: no **${name}**`);
		}
	}
	expect(missing).toEqual([]);
});

test('every endpoint the node calls is described in docs/coreplus-api.md', () => {
	const page = read('docs/coreplus-api.md');
	const pathOf = (path: string | ((id: string) => string)) =>
		typeof path === 'string' ? path : path('ID').replace('ID', '{id}');
	const endpoints = [
		...Object.values(LISTS).map((endpoint) => `GET ${endpoint.path}`),
		...[...Object.values(RECORDS), ...Object.values(WRITES)].map(
			(endpoint) => `${endpoint.method} ${pathOf(endpoint.path)}`,
		),
	];
	expect(endpoints.length).toBeGreaterThan(10);
	expect(endpoints.filter((endpoint) => !page.includes(`\`${endpoint}`))).toEqual([]);
});

interface EditorLabels {
	labels: Set<string>;
	/** A collection's label → the labels of the fields it holds (*Options → Cancel Request Form*). */
	children: Map<string, Set<string>>;
}

/** Every label the editor shows for the nodes and the credential: parameters, options, collections. */
function editorLabels(): EditorLabels {
	const labels = new Set<string>();
	const children = new Map<string, Set<string>>();
	const childrenOf = (label: string) =>
		children.get(label) ?? children.set(label, new Set()).get(label)!;
	const add = (properties: INodeProperties[], parent?: string) => {
		for (const property of properties) {
			labels.add(property.displayName);
			if (parent) childrenOf(parent).add(property.displayName);
			const isCollection = property.type === 'collection' || property.type === 'fixedCollection';
			for (const option of (property.options ?? []) as unknown as Array<Record<string, unknown>>) {
				if (typeof option.displayName === 'string') labels.add(option.displayName);
				if (isCollection && typeof option.displayName === 'string')
					childrenOf(property.displayName).add(option.displayName);
				if (typeof option.name === 'string' && !('type' in option)) labels.add(option.name);
				if ('type' in option) add([option as unknown as INodeProperties], property.displayName);
				if (Array.isArray(option.values))
					add(option.values as INodeProperties[], String(option.displayName));
			}
		}
	};
	add(new Coreplus().description.properties);
	add(new CoreplusTrigger().description.properties);
	add(new CoreplusApi().properties);
	for (const label of [...labels]) labels.add(label.replace(/\s*\([^)]*\)$/, ''));
	for (const resource of resources)
		for (const operation of resource.operations) labels.add(operation.action);
	return { labels, children };
}

/**
 * Title Case italics that are not this package's labels: n8n's own screens, buttons and settings,
 * other n8n nodes, and names from the examples (their node and workflow names are added below).
 */
const NOT_PARAMETERS = new Set([
	// n8n's screens, menus and buttons.
	'Settings',
	'Community Nodes',
	'Install',
	'Developer',
	'Edit Config',
	'Timezone',
	'Workflows',
	'Import from File',
	'Execute workflow',
	'Expression',
	'Fetch Test Event',
	'Open chat',
	'Test',
	'Retry',
	// Settings n8n adds to every node, trigger or tool.
	'Continue On Fail',
	'Poll Times',
	'Tool Description',
	'Instructions',
	'Authentication',
	'Authentication: Predefined Credential Type',
	'Predefined Credential Type',
	'Coreplus API',
	// Other n8n nodes.
	'Send Email',
	'Remove Duplicates',
	'Read/Write Files from Disk',
	'MCP Client',
	'Email Trigger (IMAP)',
	// A Form Trigger's own setting.
	'Form Path',
	'Form Trigger',
	// CHANGELOG's heading for what is not released yet.
	'Unreleased',
]);

function exampleNames(): Set<string> {
	const names = new Set<string>();
	for (const example of allExamples()) {
		names.add(String((example as { name?: unknown }).name ?? ''));
		for (const node of example.nodes) names.add(node.name);
	}
	return names;
}

test('every Title Case italic in the docs and sticky notes is a label the editor shows, in its collection', () => {
	const { labels, children } = editorLabels();
	const known = new Set([...labels, ...NOT_PARAMETERS, ...exampleNames()]);
	const sources = release.documentationFiles().map((file) => ({ file, markdown: read(file) }));
	for (const example of allExamples())
		for (const node of example.nodes)
			if (node.type === 'n8n-nodes-base.stickyNote')
				sources.push({
					file: `examples/${example.file} (${node.name})`,
					markdown: String((node.parameters as { content?: unknown }).content ?? ''),
				});
	const unknown: string[] = [];
	for (const { file, markdown } of sources)
		for (const span of references.italicSpans(markdown)) {
			if (!/^[A-Z]/.test(span.text)) continue;
			const segments = span.text.split(' → ');
			segments.forEach((segment, index) => {
				const parent = children.get(segments[index - 1]);
				if (!known.has(segment)) unknown.push(`${file}:${span.line}: *${segment}*`);
				else if (parent && !parent.has(segment))
					unknown.push(`${file}:${span.line}: *${segments[index - 1]} → ${segment}*`);
			});
		}
	expect(unknown).toEqual([]);
});

test('italics are read outside code and apart from bold', () => {
	const spans = references.italicSpans(
		[
			'*Simplify* and **bold** and `*code*`, 2 * 3 * 4, *Options → File Names*.',
			'```',
			'*x*',
			'```',
		].join('\n'),
	);
	expect(spans).toEqual([
		{ line: 1, text: 'Simplify' },
		{ line: 1, text: 'Options → File Names' },
	]);
});
