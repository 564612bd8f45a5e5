/*
 * Every long-running process the queue test starts (Redis, PostgreSQL, n8n main and workers) is
 * started here, in a process group of its own, so that the whole tree (n8n's task runners too)
 * can be stopped: politely at the end, with SIGKILL when the hard time limit strikes or the
 * runner itself dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';

export interface Service {
	name: string;
	child: ChildProcess;
	logFile: string;
	/** SIGTERM-like stop (the signal each program treats as "shut down cleanly"), SIGKILL after a grace period. */
	stop(): Promise<void>;
}

const running = new Set<Service>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

/**
 * Should the runner itself be killed (SIGKILL, a CI timeout), the kernel kills the service too:
 * util-linux's setpriv sets the parent-death signal and then runs the program (joining a setpriv
 * that is already there, since changing the user clears that signal).
 */
function dyingWithParent(command: string, args: string[]): [string, string[]] {
	if (!existsSync('/usr/bin/setpriv')) return [command, args];
	return command === 'setpriv'
		? [command, ['--pdeathsig', 'SIGKILL', ...args]]
		: ['setpriv', ['--pdeathsig', 'SIGKILL', command, ...args]];
}

export function startService(
	name: string,
	command: string,
	args: string[],
	options: {
		env?: NodeJS.ProcessEnv;
		logFile: string;
		stopSignal?: NodeJS.Signals;
		graceMs?: number;
	},
): Service {
	const out = openSync(options.logFile, 'a');
	const [program, programArgs] = dyingWithParent(command, args);
	const child = spawn(program, programArgs, {
		env: options.env ?? process.env,
		stdio: ['ignore', out, out],
		detached: true,
	});
	closeSync(out); // the child has its own copy
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const service: Service = {
		name,
		child,
		logFile: options.logFile,
		stop: async () => {
			running.delete(service);
			killGroup(child, options.stopSignal ?? 'SIGTERM');
			const grace = new Promise<void>((resolve) =>
				setTimeout(resolve, options.graceMs ?? 15_000).unref(),
			);
			await Promise.race([exited, grace]);
			killGroup(child, 'SIGKILL');
		},
	};
	running.add(service);
	return service;
}

/** Synchronous, for exit handlers and the hard limit: nothing may outlive the runner. */
export function killAll(): void {
	for (const service of running) killGroup(service.child, 'SIGKILL');
	running.clear();
}

/** Stops services in the given order (workers before the main, n8n before its databases). */
export async function stopAll(services: Array<Service | undefined>): Promise<void> {
	for (const service of services) await service?.stop();
}

/**
 * Kills everything after `limitMs` (and when the runner is interrupted or exits), running
 * `cleanUp` (synchronous: temp folders) before exiting with status 1.
 */
export function enforceHardLimit(
	limitMs: number,
	cleanUp: () => void,
	log: (text: string) => void,
): () => void {
	const abort = (reason: string) => {
		log(`${reason}: killing every process this run started`);
		killAll();
		cleanUp();
		process.exit(1);
	};
	const timer = setTimeout(() => abort(`hard limit of ${limitMs / 1000} s reached`), limitMs);
	const onSignal = (signal: NodeJS.Signals) => abort(`interrupted (${signal})`);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	process.once('exit', killAll);
	return () => {
		clearTimeout(timer);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	};
}
