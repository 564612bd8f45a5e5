import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('npm run demo tells the booking story on the emulator, step by step', async () => {
	const root = join(__dirname, '..', '..');
	const env = { ...process.env };
	for (const key of [
		'COREPLUS_BASE_URL',
		'COREPLUS_CONSUMER_ID',
		'COREPLUS_CONSUMER_SECRET',
		'COREPLUS_ACCESS_TOKEN',
	])
		delete env[key];
	const { stdout } = await run('npm', ['run', '--silent', 'demo'], { cwd: root, env });
	expect(stdout).toMatch(/1\. The practice has 5 location\(s\)/);
	expect(stdout).toMatch(
		/First free: .+, \w+day \d+ \w+, \d+:\d{2} [ap]m \(\+1[01]:00\), 30 minutes/,
	);
	expect(stdout).toMatch(
		/coreplus received startDateTime "\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+1[01]:00"/,
	);
	expect(stdout).toMatch(/5\. coreplus has it: .+ sees .+ at Sydney CBD Clinic/);
}, 90_000);
