#!/usr/bin/env node
/*
 * n8n's own gate for community packages, run offline: `@n8n/scan-community-package` (the static
 * analysis n8n runs before it lists a package) lints a folder with its exported
 * `analyzePackage(dir, patterns)`. Its CLI only scans packages already on npm, so this script runs
 * the same two legs the CLI runs, on this checkout:
 * - the sources, with the scanner's own `SOURCE_FILE_PATTERNS` (package.json, nodes/, credentials/);
 * - the tarball `npm pack` would publish, unpacked, with `['**\/*.js', 'package.json']`.
 *
 * Every finding is printed. The run fails on any finding except those ALLOWED_FINDINGS names: the
 * ones the card's two runtime dependencies cause. They are why the package is
 * for self-hosted n8n only: n8n Cloud refuses community packages with runtime dependencies.
 *
 * `node scripts/scan-package.js` scans both legs (build first: `npm run build`);
 * `node scripts/scan-package.js --sources` scans the sources only (no build needed).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const SCANNER = '@n8n/scan-community-package/scanner/scanner.mjs';
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const RESTRICTED_IMPORT = '@n8n/community-nodes/no-restricted-imports';

/** The only findings a release may carry, each with the reason it cannot go away. */
const ALLOWED_FINDINGS = [
	{
		rule: RESTRICTED_IMPORT,
		module: 'jsonwebtoken',
		reason:
			'signs the HS256 JWT coreplus requires on every request (transport/jwt.ts); n8n-workflow offers no JWT signer',
	},
	{
		rule: RESTRICTED_IMPORT,
		module: 'form-data',
		reason:
			'writes the multipart body of Message → Send with an exact Content-Length for streamed files (helpers/message/multipartBody.ts)',
	},
	{
		rule: '@n8n/community-nodes/no-runtime-dependencies',
		reason:
			'package.json "dependencies" must list jsonwebtoken and form-data so n8n installs them beside the package',
	},
];

/** The module a no-restricted-imports message names ("Import of 'x' …", "Require of 'x' …"). */
function restrictedModule(message) {
	return /\bof '([^']+)' is not allowed/.exec(message)?.[1];
}

/** The ALLOWED_FINDINGS entry that covers a finding, if any. */
function allowanceFor(finding) {
	return ALLOWED_FINDINGS.find(
		(allowed) =>
			allowed.rule === finding.rule &&
			(allowed.module === undefined || allowed.module === restrictedModule(finding.message)),
	);
}

const ANSI = /\u001b\[[0-9;]*m/g;
const FINDING_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(\S+))?\s*$/;
const SUMMARY_ROW = /^✖ (\d+) problems?/;

/**
 * Findings out of the scanner's report. `analyzePackage` gives ESLint's "stylish" text only, so
 * it is read row by row, and the count is held against the report's own "✖ N problems" line: a
 * report this reader does not understand fails the run instead of passing it.
 */
function parseReport(details) {
	const findings = [];
	let file = '';
	let announced;
	for (const line of String(details ?? '')
		.replace(ANSI, '')
		.split('\n')) {
		const row = FINDING_ROW.exec(line);
		const summary = SUMMARY_ROW.exec(line);
		if (row) {
			const [, lineNo, column, severity, message, rule] = row;
			findings.push({
				file,
				line: Number(lineNo),
				column: Number(column),
				severity,
				message,
				rule,
			});
		} else if (summary) announced = Number(summary[1]);
		else if (line.trim() && !/^\s/.test(line)) file = line.trim();
	}
	if (announced !== findings.length) {
		throw new Error(
			`the scanner's report announces ${announced ?? 'no'} problems but ${findings.length} were read:\n${details}`,
		);
	}
	return findings;
}

/** Runs the scanner on one folder; a failed analysis or an empty scan is an error, never a pass. */
async function scanFolder(scanner, dir, patterns) {
	const result = await scanner.analyzePackage(dir, patterns);
	if (result.passed && result.message) throw new Error(`${dir}: ${result.message}`);
	if (result.passed) return [];
	if (!result.details) throw new Error(`${dir}: ${result.message}`);
	return parseReport(result.details);
}

/** Packs the package as `npm publish` would and unpacks it into a temporary folder. */
function unpackTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coreplus-scan-'));
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	const tarball = path.join(dir, JSON.parse(out)[0].filename);
	const packageDir = path.join(dir, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(packageDir, file)),
	);
	if (missing.length) throw new Error(`the tarball lacks ${missing.join(', ')}: build first`);
	return { dir, packageDir };
}

function printLeg(label, dir, findings) {
	console.log(`${label}: ${findings.length} finding(s)`);
	for (const finding of findings) {
		const allowed = allowanceFor(finding);
		const where = `${path.relative(dir, finding.file) || finding.file}:${finding.line}:${finding.column}`;
		console.log(
			`  ${allowed ? 'allowed' : 'FAIL   '} ${where} ${finding.rule ?? '(no rule)'}: ${finding.message}`,
		);
		if (allowed) console.log(`          why allowed: ${allowed.reason}`);
	}
}

/** Both legs (or the sources only); resolves to the number of findings that are not allowed. */
async function scanPackage({ sourcesOnly = false } = {}) {
	const scanner = await import(SCANNER);
	const legs = [{ label: 'sources', dir: ROOT, patterns: scanner.SOURCE_FILE_PATTERNS }];
	let unpacked;
	try {
		if (!sourcesOnly) {
			unpacked = unpackTarball();
			legs.push({ label: 'packed tarball', dir: unpacked.packageDir, patterns: TARBALL_PATTERNS });
		}
		let refused = 0;
		for (const leg of legs) {
			const findings = await scanFolder(scanner, leg.dir, leg.patterns);
			printLeg(`n8n scanner (@n8n/scan-community-package), ${leg.label}`, leg.dir, findings);
			refused += findings.filter((finding) => !allowanceFor(finding)).length;
		}
		return refused;
	} finally {
		if (unpacked) fs.rmSync(unpacked.dir, { recursive: true, force: true });
	}
}

/** Runs the scan as a command: prints the findings, exits non-zero on any that is not allowed. */
function runScanCli(sourcesOnly = false) {
	scanPackage({ sourcesOnly }).then(
		(refused) => {
			if (refused) {
				console.error(`n8n scanner: ${refused} finding(s) not allowed (see FAIL above)`);
				process.exit(1);
			}
			console.log('n8n scanner ok: only the allowed runtime-dependency findings');
		},
		(error) => {
			console.error(`n8n scanner could not run: ${error.message}`);
			process.exit(1);
		},
	);
}

module.exports = { ALLOWED_FINDINGS, allowanceFor, parseReport, scanPackage, runScanCli };

if (require.main === module) runScanCli(process.argv.includes('--sources'));
