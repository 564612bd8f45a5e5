/*
 * Redis and PostgreSQL from Debian's packages (installed by scripts/services.sh when missing),
 * each on a free port with its data in the run's temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { freePort } from '../e2e/editor';
import { startService, type Service } from './processes';

const REPO_ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;

export interface Databases {
	redis: Service & { port: number };
	postgres: Service & { port: number; user: string; database: string };
}

export function installServices(): void {
	execFileSync('bash', [join(REPO_ROOT, 'scripts', 'services.sh')], { stdio: 'inherit' });
}

/** Debian installs the server under /usr/lib/postgresql/<major>/bin; the newest major wins. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	const found = majors
		.map((v) => join(root, v, 'bin'))
		.find((dir) => existsSync(join(dir, 'postgres')));
	if (!found) throw new Error('PostgreSQL is not installed (bash scripts/services.sh installs it)');
	return found;
}

/** PostgreSQL refuses to run as root: as root, its programs run as Debian's `postgres` user. */
function asDatabaseUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

async function waitForPort(port: number, service: Service): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (service.child.exitCode !== null)
			throw new Error(`${service.name} exited (${service.child.exitCode}); see ${service.logFile}`);
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1', () => {
				socket.end();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`${service.name} did not listen on ${port} within ${READY_TIMEOUT_MS / 1000} s; see ${service.logFile}`,
	);
}

export async function startRedis(folder: string): Promise<Databases['redis']> {
	mkdirSync(folder, { recursive: true });
	const port = await freePort();
	// No persistence: the queue only has to live as long as the run.
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--dir',
		folder,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
	];
	const service = startService('redis', 'redis-server', args, {
		logFile: join(folder, 'redis.log'),
	});
	await waitForPort(port, service);
	return Object.assign(service, { port });
}

export async function startPostgres(folder: string): Promise<Databases['postgres']> {
	const bin = postgresBin();
	const dataDir = join(folder, 'data');
	mkdirSync(dataDir, { recursive: true });
	if (process.getuid?.() === 0) {
		const { uid, gid } = postgresIds();
		chownSync(folder, uid, gid);
		chownSync(dataDir, uid, gid);
	}
	chmodSync(dataDir, 0o700);
	const [initdb, initArgs] = asDatabaseUser(join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	execFileSync(initdb, initArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
	const port = await freePort();
	// TCP on loopback only, no socket file; durability is pointless for a throw-away database.
	const settings = [
		'listen_addresses=127.0.0.1',
		'unix_socket_directories=',
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
	];
	const [postgres, args] = asDatabaseUser(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		...settings.flatMap((s) => ['-c', s]),
	]);
	// SIGINT is PostgreSQL's "fast shutdown".
	const service = startService('postgres', postgres, args, {
		logFile: join(folder, 'postgres.log'),
		stopSignal: 'SIGINT',
	});
	await waitForPort(port, service);
	await waitForQueries(bin, port, service);
	return Object.assign(service, { port, user: 'postgres', database: 'postgres' });
}

function postgresIds(): { uid: number; gid: number } {
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

/** The port opens before recovery ends; pg_isready says when connections are accepted. */
async function waitForQueries(bin: string, port: number, service: Service): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		try {
			execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
			return;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
	throw new Error(
		`PostgreSQL accepted no connections within ${READY_TIMEOUT_MS / 1000} s; see ${service.logFile}`,
	);
}

/** One SQL query through psql (tab-separated rows). */
export function sql(postgres: Databases['postgres'], query: string): string[][] {
	const out = execFileSync(
		join(postgresBin(), 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(postgres.port),
			'-U',
			postgres.user,
			'-d',
			postgres.database,
			'-At',
			'-F',
			'\t',
			'-c',
			query,
		],
		{ encoding: 'utf8' },
	);
	return out
		.split('\n')
		.filter((line) => line.length)
		.map((line) => line.split('\t'));
}
