import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { removeAbandoned } from './tempRoot';

test('the temporary folder of a jest run whose process is gone is removed; a live run keeps its own', () => {
	// The global setup pointed TMPDIR at this run's own folder: the suite writes nowhere else.
	expect(tmpdir()).toMatch(new RegExp(`coreplus-jest-\\d+-`));
	const parent = mkdtempSync(join(tmpdir(), 'parent-'));
	const ended = spawnSync(process.execPath, ['-e', '']).pid!;
	const abandoned = join(parent, `coreplus-jest-${ended}-abc123`);
	const live = join(parent, `coreplus-jest-${process.pid}-def456`);
	const unrelated = join(parent, 'coreplus-n8n-xyz789');
	for (const folder of [abandoned, live, unrelated])
		mkdirSync(join(folder, 'inside'), { recursive: true });

	removeAbandoned(parent);

	expect([abandoned, live, unrelated].map((folder) => existsSync(folder))).toEqual([
		false,
		true,
		true,
	]);
});
