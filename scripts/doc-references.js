/*
 * What the documentation and the code comments point a reader to must be there: every repository
 * path they name exists, none cites notes or issue threads the package does not ship, and every
 * example workflow is in examples/README.md. Run by `npm test` (test/release/docReferences.test.ts)
 * and by `npm run release:check`. Comments are read with the TypeScript parser, so a path inside a
 * string (a test's fixture, a URL) is not taken for a reference.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
/** Folders whose code comments are read. */
const CODE_ROOTS = ['nodes', 'credentials', 'emulator', 'scripts', 'harness', 'test'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.artifacts']);
/** Made by a build or a run, not kept in git: named, but absent from a fresh clone. */
const GENERATED = [/^dist\//, /^test\/\.artifacts\//];
/** The repository's top-level folders: a path starting with one of them is a reference to check. */
const TOP_FOLDERS = ['nodes', 'credentials', 'emulator', 'scripts', 'harness', 'test', 'docs'];
const PATH_REFERENCE = new RegExp(
	`(?<![\\w./@~-])((?:${[...TOP_FOLDERS, 'examples', '\\.ci'].join('|')})/[\\w.\\[\\]/-]*)`,
	'g',
);
/** Citations a reader of the published package cannot open. */
const UNSHIPPED = [
	{ pattern: /§\s*\d/, why: 'cites a section of unshipped notes: cite docs/coreplus-api.md' },
	{
		pattern: /project notes/i,
		why: 'cites the unshipped project notes: cite docs/coreplus-api.md',
	},
	{ pattern: /\bissues? #?\d+/i, why: 'cites an issue number: say what and why instead' },
];

/** Each line of a Markdown text with whether it sits inside a fenced code block. */
function linesOutsideFences(markdown) {
	let inFence = false;
	return markdown.split('\n').map((text, index) => {
		const fence = /^\s*(```|~~~)/.test(text);
		if (fence) inFence = !inFence;
		return { text, number: index + 1, code: inFence || fence };
	});
}

function codeFiles(dir, root = ROOT) {
	const full = path.join(root, dir);
	if (!fs.existsSync(full)) return [];
	return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory())
			return SKIPPED_FOLDERS.has(entry.name) ? [] : codeFiles(relative, root);
		return /\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
	});
}

/** Every comment of a source file, with its first line, as the TypeScript parser sees them. */
function commentsOf(file, text) {
	const kind = /\.ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
	const comments = new Map();
	const collect = (ranges) => {
		for (const range of ranges ?? [])
			comments.set(range.pos, {
				line: source.getLineAndCharacterOfPosition(range.pos).line + 1,
				text: text.slice(range.pos, range.end),
			});
	};
	// Trivia before and after every node: every comment, whatever token follows it.
	const visit = (node) => {
		collect(ts.getLeadingCommentRanges(text, node.pos));
		collect(ts.getLeadingCommentRanges(text, node.end));
		collect(ts.getTrailingCommentRanges(text, node.end));
		ts.forEachChild(node, visit);
	};
	collect(ts.getLeadingCommentRanges(text, 0));
	visit(source);
	return [...comments.values()];
}

/** The texts a reader reads, by file and line: Markdown documents whole, code files' comments. */
function readableTexts(docs, root = ROOT) {
	const texts = [];
	for (const file of docs) {
		const markdown = fs.readFileSync(path.join(root, file), 'utf8');
		for (const { text, number } of linesOutsideFences(markdown))
			texts.push({ file, line: number, text });
	}
	for (const file of CODE_ROOTS.flatMap((dir) => codeFiles(dir, root))) {
		const text = fs.readFileSync(path.join(root, file), 'utf8');
		for (const comment of commentsOf(file, text))
			comment.text
				.split('\n')
				.forEach((line, index) => texts.push({ file, line: comment.line + index, text: line }));
	}
	return texts;
}

/**
 * The repository paths a text names: rooted ones (`nodes/…`, `docs/…`) anywhere, and in a
 * Markdown document also a file name in backticks (`messages.md`), which is read from its folder.
 */
function namedPaths(file, text) {
	const rooted = [...text.matchAll(PATH_REFERENCE)].map((match) =>
		match[1].replace(/[.,:;)\]]+$/, ''),
	);
	if (!file.endsWith('.md')) return rooted;
	const local = [...text.matchAll(/`([\w.-]+\.md)`/g)].map((match) =>
		path.join(path.dirname(file), match[1]),
	);
	return [...rooted, ...local];
}

/** Repository paths named in the texts that do not exist (a trailing `/` names a folder). */
function missingPathProblems(texts, root = ROOT) {
	const problems = [];
	for (const { file, line, text } of texts)
		for (const named of namedPaths(file, text)) {
			if (GENERATED.some((generated) => generated.test(named))) continue;
			if (!fs.existsSync(path.join(root, named)))
				problems.push(`${file}:${line}: names ${named}, which is not in the repository`);
		}
	return problems;
}

/** Citations of unshipped notes and issue numbers in the texts. */
function unshippedCitationProblems(texts) {
	const problems = [];
	for (const { file, line, text } of texts)
		for (const { pattern, why } of UNSHIPPED)
			if (pattern.test(text)) problems.push(`${file}:${line}: "${pattern.exec(text)[0]}" ${why}`);
	return problems;
}

/** Example workflows missing from examples/README.md (each must be linked there by file name). */
function exampleIndexProblems(root = ROOT) {
	const folder = path.join(root, 'examples');
	const index = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
	return fs
		.readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.filter((name) => !index.includes(`](${name})`))
		.map((name) => `examples/${name} is not listed in examples/README.md`);
}

/** *Italic* spans of a Markdown text outside code, by line: how the docs name parameters. */
function italicSpans(markdown) {
	const spans = [];
	for (const line of linesOutsideFences(markdown)) {
		if (line.code) continue;
		const prose = line.text.replace(/`[^`]*`/g, '``');
		for (const match of prose.matchAll(/(?<![\w*\\])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])/g))
			spans.push({ line: line.number, text: match[1] });
	}
	return spans;
}

/** Every reference check on the repository's documentation files and code comments. */
function referenceProblems(docs, root = ROOT) {
	const texts = readableTexts(docs, root);
	return [
		...missingPathProblems(texts, root),
		...unshippedCitationProblems(texts),
		...exampleIndexProblems(root),
	];
}

module.exports = {
	linesOutsideFences,
	commentsOf,
	readableTexts,
	missingPathProblems,
	unshippedCitationProblems,
	exampleIndexProblems,
	italicSpans,
	referenceProblems,
};
