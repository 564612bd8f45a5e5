/*
 * One temporary folder per jest run, holding every temporary file the tests make: the global setup
 * points TMPDIR at it (so `os.tmpdir()` in every test worker, in n8n-core and in child processes
 * lands there) and the global teardown removes it. Folders left by runs that were killed before
 * their teardown are removed by the next run once their process is gone.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'coreplus-jest-';
const ROOT_VARIABLE = 'COREPLUS_JEST_TMP';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** `coreplus-jest-<pid>-XXXXXX` folders whose jest process has ended. */
export function removeAbandoned(parent: string): void {
	for (const name of readdirSync(parent)) {
		const pid = Number(name.startsWith(PREFIX) ? name.slice(PREFIX.length).split('-')[0] : NaN);
		if (Number.isInteger(pid) && pid > 0 && !isRunning(pid))
			rmSync(join(parent, name), { recursive: true, force: true });
	}
}

export function createTempRoot(): string {
	const parent = tmpdir();
	removeAbandoned(parent);
	const root = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
	process.env[ROOT_VARIABLE] = root;
	process.env.TMPDIR = root;
	return root;
}

export function removeTempRoot(): void {
	const root = process.env[ROOT_VARIABLE];
	if (root) rmSync(root, { recursive: true, force: true });
}
