#!/usr/bin/env node
/*
 * `npm run release:check` (after a clean build): verifies what `npm publish` would ship, so a
 * tag never publishes a package that n8n cannot load or whose links lead nowhere.
 *
 * - files: only dist/, index.js, README, LICENSE and package.json;
 * - every file package.json's "n8n" section names is built and shipped;
 * - no shipped file refers to a file that is not shipped (source maps and their sources);
 * - versions: package.json and package-lock.json agree, the CHANGELOG has an entry for the
 *   version, and in CI the tag is that version and `repository` is the publishing repository
 *   (npm's provenance check compares them);
 * - every documentation link (homepage, credential, codex files) is the npm page, with an
 *   anchor that one of the README's headings produces;
 * - the README has at most 2,000 words; every relative link and anchor in README, CONTRIBUTING,
 *   examples/README.md and docs/ resolves; every Markdown table is well formed.
 * - n8n's community-package scanner finds nothing but the allowed findings (scan-package.js).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const NPM_PAGE = 'https://www.npmjs.com/package/n8n-nodes-coreplus';
const SHIPPED = [/^dist\//, /^index\.js$/, /^README\.md$/i, /^LICENSE(\.md)?$/i, /^package\.json$/];
const CODEX_FILES = [
	'nodes/Coreplus/Coreplus.node.json',
	'nodes/CoreplusTrigger/CoreplusTrigger.node.json',
];
const CREDENTIAL_SOURCE = 'credentials/CoreplusApi.credentials.ts';

// Also what docs and comments name must exist (scripts/doc-references.js).
const { linesOutsideFences, referenceProblems } = require('./doc-references');

const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const readJson = (file) => JSON.parse(read(file));

/** The anchor GitHub and npm give a README heading (lower case, punctuation dropped, spaces to dashes). */
function slugOf(heading) {
	return heading
		.trim()
		.toLowerCase()
		.replace(/<[^>]*>/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** Every anchor the README's headings produce; a repeated heading gets -1, -2 … as on GitHub. */
function readmeAnchors(markdown) {
	const anchors = new Set();
	const seen = new Map();
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
		const heading = !inFence && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = slugOf(heading[1]);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count ? `${slug}-${count}` : slug);
	}
	return anchors;
}

/** Where each documentation link of the package is written, and the link. */
function documentationLinks() {
	const links = [{ where: 'package.json homepage', url: readJson('package.json').homepage }];
	const credential = /documentationUrl\s*=\s*['"]([^'"]+)['"]/.exec(read(CREDENTIAL_SOURCE));
	links.push({ where: `${CREDENTIAL_SOURCE} documentationUrl`, url: credential?.[1] });
	for (const file of CODEX_FILES) {
		for (const [kind, entries] of Object.entries(readJson(file).resources ?? {})) {
			for (const entry of entries) links.push({ where: `${file} ${kind}`, url: entry.url });
		}
	}
	return links;
}

/** Links that do not lead to the npm page or to an anchor the README has. */
function linkProblems(links = documentationLinks(), anchors = readmeAnchors(read('README.md'))) {
	const problems = [];
	for (const { where, url } of links) {
		const [page, anchor] = String(url).split('#');
		if (page !== NPM_PAGE) problems.push(`${where}: ${url} is not the npm page ${NPM_PAGE}`);
		else if (anchor !== undefined && !anchors.has(anchor)) {
			problems.push(`${where}: ${url}: no README heading gives the anchor #${anchor}`);
		}
	}
	return problems;
}

/** What `npm pack` would put into the tarball (paths relative to the package root). */
function packedFiles() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	return JSON.parse(out)[0].files.map((file) => file.path);
}

function fileProblems(files) {
	const problems = [];
	const shipped = new Set(files);
	for (const file of files) {
		if (!SHIPPED.some((pattern) => pattern.test(file)))
			problems.push(
				`${file} would be published (only dist/, index.js, README, LICENSE, package.json)`,
			);
	}
	const n8n = readJson('package.json').n8n ?? {};
	for (const file of [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])]) {
		if (!shipped.has(file))
			problems.push(`${file} (package.json "n8n" section) is not in the package: build first`);
	}
	for (const file of files.filter((name) => name.endsWith('.js'))) {
		const mapRef = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(file));
		if (mapRef && !mapRef[1].startsWith('data:')) {
			const map = path.posix.join(path.posix.dirname(file), mapRef[1]);
			if (!shipped.has(map)) problems.push(`${file} points at ${map}, which is not shipped`);
		}
	}
	for (const file of files.filter((name) => name.endsWith('.map'))) {
		for (const source of readJson(file).sources ?? []) {
			const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source));
			if (!shipped.has(target)) problems.push(`${file} maps to ${target}, which is not shipped`);
		}
	}
	return problems;
}

function versionProblems(env = process.env) {
	const problems = [];
	const pkg = readJson('package.json');
	const lock = readJson('package-lock.json');
	const version = pkg.version;
	if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
		problems.push(`package.json version "${version}" is not semver`);
	if (lock.version !== version || lock.packages?.['']?.version !== version) {
		problems.push(
			`package-lock.json says ${lock.version}, package.json ${version}: run npm install`,
		);
	}
	const escaped = version.replace(/[.+-]/g, '\\$&');
	if (!new RegExp(`^## \\[?${escaped}\\]?`, 'm').test(read('CHANGELOG.md'))) {
		problems.push(`CHANGELOG.md has no "## [${version}]" entry`);
	}
	if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME?.replace(/^v/, '') !== version) {
		problems.push(`tag ${env.GITHUB_REF_NAME} does not match package.json version ${version}`);
	}
	if (env.GITHUB_REPOSITORY) {
		const expected = `https://github.com/${env.GITHUB_REPOSITORY}`.toLowerCase();
		const actual = String(pkg.repository?.url ?? '')
			.replace(/^git\+/, '')
			.replace(/\.git$/, '')
			.toLowerCase();
		if (actual !== expected)
			problems.push(
				`package.json repository.url is ${pkg.repository?.url}; provenance needs ${expected}`,
			);
	}
	return problems;
}

/*
 * The documentation, checked rather than promised: the README stays short, every relative link
 * and anchor in README, CONTRIBUTING and docs/ resolves, and every Markdown table renders.
 */
const README_WORD_LIMIT = 2000;
const DOC_FILES_ROOTS = ['README.md', 'CONTRIBUTING.md', 'examples/README.md', 'docs'];

/** Words a reader reads: prose and tables, without fenced code, HTML comments or link targets. */
function wordCount(markdown) {
	const prose = linesOutsideFences(markdown)
		.filter((line) => !line.code)
		.map((line) => line.text)
		.join('\n')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/\]\([^)]*\)/g, '] ');
	return prose.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function readmeLengthProblems(markdown = read('README.md'), limit = README_WORD_LIMIT) {
	const words = wordCount(markdown);
	return words > limit
		? [`README.md has ${words} words, more than ${limit}: move detail into docs/`]
		: [];
}

/** The Markdown files whose links are checked, relative to the package root. */
function documentationFiles(root = ROOT) {
	const files = [];
	for (const entry of DOC_FILES_ROOTS) {
		const full = path.join(root, entry);
		if (!fs.existsSync(full)) continue;
		if (fs.statSync(full).isDirectory()) {
			for (const name of fs.readdirSync(full, { recursive: true }))
				if (String(name).endsWith('.md')) files.push(path.join(entry, String(name)));
		} else files.push(entry);
	}
	return files;
}

/** Inline links and images outside code: [text](target), ![alt](target). */
function linksOf(markdown) {
	const links = [];
	for (const line of linesOutsideFences(markdown)) {
		if (line.code) continue;
		const text = line.text.replace(/`[^`]*`/g, '');
		for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
			links.push({ line: line.number, target: match[1] });
	}
	return links;
}

/** Relative links whose file or anchor does not exist; web links are not fetched. */
function relativeLinkProblems(files = documentationFiles(), root = ROOT) {
	const problems = [];
	for (const file of files) {
		const markdown = fs.readFileSync(path.join(root, file), 'utf8');
		for (const { line, target } of linksOf(markdown)) {
			if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
			const [pathPart, anchor] = target.split('#');
			const resolved = pathPart
				? path.join(path.dirname(path.join(root, file)), decodeURI(pathPart))
				: path.join(root, file);
			const where = `${file}:${line}: ${target}`;
			if (!fs.existsSync(resolved)) problems.push(`${where}: no such file`);
			else if (anchor !== undefined && resolved.endsWith('.md')) {
				if (!readmeAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor))
					problems.push(`${where}: no heading gives the anchor #${anchor}`);
			}
		}
	}
	return problems;
}

/** Cells of a table row as GitHub splits them: on every pipe not escaped with a backslash. */
function cellCount(row) {
	const inner = row
		.trim()
		.replace(/^\|/, '')
		.replace(/(?<!\\)\|$/, '');
	return inner.split(/(?<!\\)\|/).length;
}

/**
 * Tables that GitHub would render wrongly: cell counts differ, no separator, no blank line around
 * (a heading or a one-line HTML comment may stand right before one; without a blank line after,
 * the next paragraph becomes a row).
 */
function tableProblems(file, markdown) {
	const problems = [];
	const lines = linesOutsideFences(markdown);
	const isRow = (line) => line && !line.code && /^\s*\|/.test(line.text);
	for (let index = 0; index < lines.length; index++) {
		if (!isRow(lines[index]) || isRow(lines[index - 1])) continue;
		let end = index;
		while (isRow(lines[end + 1])) end++;
		const rows = lines.slice(index, end + 1);
		const where = `${file}:${rows[0].number}`;
		const columns = cellCount(rows[0].text);
		if (!rows[1] || !/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(rows[1].text))
			problems.push(`${where}: the table's second line is not a |---| separator`);
		for (const row of rows.slice(1))
			if (cellCount(row.text) !== columns)
				problems.push(
					`${file}:${row.number}: ${cellCount(row.text)} cells, the header has ${columns}`,
				);
		if (index > 0 && !/^\s*$|^#{1,6}\s|^\s*<!--.*-->\s*$/.test(lines[index - 1].text))
			problems.push(`${where}: no blank line before the table`);
		if (end + 1 < lines.length && lines[end + 1].text.trim() !== '')
			problems.push(`${file}:${lines[end + 1].number}: no blank line after the table`);
	}
	return problems;
}

/** Words a practice integrator does not know; they belong in docs/, not the README. */
const README_JARGON = [
	/envelope/i,
	/wire URL/i,
	/WHATWG/,
	/RFC ?\d+/,
	/\bnbf\b/,
	/\bexp\b/,
	/static data/i,
	/multi-main/i,
	/leader/i,
	/poll cursor/i,
	/⌈/,
];

function readmeJargonProblems(markdown = read('README.md')) {
	const prose = linesOutsideFences(markdown).filter((line) => !line.code);
	const problems = [];
	for (const line of prose)
		for (const word of README_JARGON)
			if (word.test(line.text))
				problems.push(
					`README.md:${line.number}: jargon "${word.exec(line.text)[0]}": explain it in docs/`,
				);
	return problems;
}

function documentationProblems(files = documentationFiles(), root = ROOT) {
	const tables = files.flatMap((file) =>
		tableProblems(file, fs.readFileSync(path.join(root, file), 'utf8')),
	);
	return [
		...readmeLengthProblems(),
		...readmeJargonProblems(),
		...relativeLinkProblems(files, root),
		...tables,
		...referenceProblems(files, root),
	];
}

module.exports = {
	NPM_PAGE,
	slugOf,
	readmeAnchors,
	documentationLinks,
	linkProblems,
	fileProblems,
	versionProblems,
	wordCount,
	readmeLengthProblems,
	readmeJargonProblems,
	documentationFiles,
	relativeLinkProblems,
	tableProblems,
	documentationProblems,
};

if (require.main === module) {
	const files = packedFiles();
	const problems = [
		...fileProblems(files),
		...versionProblems(),
		...linkProblems(),
		...documentationProblems(),
	];
	if (problems.length) {
		console.error(
			`release:check found ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
		process.exit(1);
	}
	const version = readJson('package.json').version;
	console.log(
		`release:check ok: n8n-nodes-coreplus@${version}, ${files.length} files (${files.filter((f) => f.startsWith('dist/')).length} in dist/), links resolve to README headings, README within 2,000 words, docs links and tables sound`,
	);
	// n8n's own scanner on the sources and the packed tarball (scripts/scan-package.js).
	require('./scan-package').runScanCli();
}
