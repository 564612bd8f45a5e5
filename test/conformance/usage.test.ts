import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { parseArguments, USAGE } from '../../scripts/conformance/arguments';

/** `npm run conformance -- --help` prints the usage and exits 0; the usage line is what it accepts. */
test('npm run conformance -- --help prints the usage and exits 0, touching no server', async () => {
	const { stdout, stderr } = await promisify(execFile)(
		'npm',
		['run', '--silent', 'conformance', '--', '--help'],
		{ env: { ...process.env, COREPLUS_BASE_URL: 'https://unreachable.invalid' } },
	);
	expect(stdout).toBe(`${USAGE}\n`);
	expect(stderr).not.toContain('Unknown argument');
}, 120_000);

test('the usage line names npm run conformance once with -- and every option it names is accepted', () => {
	const [line] = USAGE.split('\n');
	expect(line).toMatch(/^Usage: npm run conformance -- \[/);
	expect(line.match(/--(?=\s)/g)).toHaveLength(1);
	const sample: Record<string, string> = {
		FILE: 'letter.pdf',
		ID: '9f3c1d2e-0000-4abc-8def-000000000001',
		'PATH=VARIANT': 'client=renamedKey',
		'INVOICE:LINE:METHOD:AMOUNT': 'inv-1::method-1:1.00',
	};
	const options = [...line.matchAll(/\[(--[\w-]+)(?: (\S+))?\]/g)];
	expect(options.map(([, flag]) => flag)).toEqual([
		'--book',
		'--message',
		'--pay',
		'--file',
		'--client',
		'--strict',
		'--envelope',
	]);
	for (const [, flag, value] of options) {
		const argv = value ? [flag, sample[value]] : [flag];
		expect(() => parseArguments(argv)).not.toThrow();
	}
	expect(parseArguments(['--help']).help).toBe(true);
	expect(() => parseArguments(['--bogus'])).toThrow(/Unknown argument "--bogus"\nUsage:/);
});
