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

module.exports = {
	NPM_PAGE,
	slugOf,
	readmeAnchors,
	documentationLinks,
	linkProblems,
	fileProblems,
	versionProblems,
};

if (require.main === module) {
	const files = packedFiles();
	const problems = [...fileProblems(files), ...versionProblems(), ...linkProblems()];
	if (problems.length) {
		console.error(
			`release:check found ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
		process.exit(1);
	}
	const version = readJson('package.json').version;
	console.log(
		`release:check ok: n8n-nodes-coreplus@${version}, ${files.length} files (${files.filter((f) => f.startsWith('dist/')).length} in dist/), links resolve to README headings`,
	);
	// n8n's own scanner on the sources and the packed tarball (scripts/scan-package.js).
	require('./scan-package').runScanCli();
}
