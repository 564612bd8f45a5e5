import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * `npm run demo` on the embedded emulator: with the evidenced answer shapes (default) and with
 * each older inferred variant (COREPLUS_EMULATOR_SHAPES, emulator/shapes.ts).
 */
test.each([
	[
		'the evidenced shapes (default)',
		'',
		/Sydney CBD Clinic \(id [0-9a-f-]+, time zone Australia\/Sydney\)/,
	],
	[
		'the inferred shapes',
		'inferred',
		/Sydney CBD Clinic \(id [0-9a-f-]+, time zone Australia\/Sydney\)/,
	],
	[
		'the inferred slot key alone',
		'inferred-slots',
		/Sydney CBD Clinic \(id [0-9a-f-]+, time zone Australia\/Sydney\)/,
	],
	[
		'the inferred location zone alone',
		'inferred-location-zone',
		/Sydney CBD Clinic \(id [0-9a-f-]+, time zone Australia\/Sydney\)/,
	],
])(
	'npm run demo tells the booking story on the emulator serving %s, step by step',
	async (_name, shapes, locationLine) => {
		const root = join(__dirname, '..', '..');
		const env: NodeJS.ProcessEnv = { ...process.env, COREPLUS_EMULATOR_SHAPES: shapes };
		for (const key of [
			'COREPLUS_BASE_URL',
			'COREPLUS_CONSUMER_ID',
			'COREPLUS_CONSUMER_SECRET',
			'COREPLUS_ACCESS_TOKEN',
		])
			delete env[key];
		const { stdout } = await run('npm', ['run', '--silent', 'demo'], { cwd: root, env });
		expect(stdout).toMatch(/1\. The practice has 5 location\(s\)/);
		expect(stdout).toMatch(locationLine);
		expect(stdout).toMatch(/We book at Sydney CBD Clinic; its clock runs on Australia\/Sydney/);
		expect(stdout).toMatch(
			/First free: .+, \w+day \d+ \w+, \d+:\d{2} [ap]m \(\+1[01]:00\), 30 minutes/,
		);
		expect(stdout).toMatch(
			/coreplus received startDateTime "\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+1[01]:00"/,
		);
		expect(stdout).toMatch(/5\. coreplus has it: .+ sees .+ at Sydney CBD Clinic/);
	},
	90_000,
);
