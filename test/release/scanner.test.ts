/* n8n's own gate for community packages (@n8n/scan-community-package): the
 * scanner run on the sources finds nothing but the card's runtime-dependency findings. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Plain JS shared with `npm run release:check`, which also scans the packed tarball.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scan = require('../../scripts/scan-package.js') as {
	ALLOWED_FINDINGS: Array<{ rule: string; module?: string; reason: string }>;
	allowanceFor(finding: { rule?: string; message: string }): object | undefined;
	parseReport(details: string): Array<{ file: string; line: number; rule?: string }>;
};

const ROOT = path.join(__dirname, '..', '..');
const RESTRICTED = '@n8n/community-nodes/no-restricted-imports';

describe('n8n scanner on the sources', () => {
	it('leaves only the allowed findings, each printed with its reason', () => {
		// A child process: the scanner is an ES module that jest's CommonJS transform cannot import.
		// Without jest's NODE_ENV=test, under which n8n's lint rules read file names their own way.
		const { NODE_ENV: _jest, ...env } = process.env;
		const out = execFileSync('node', ['scripts/scan-package.js', '--sources'], {
			cwd: ROOT,
			env,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		expect(out).not.toContain('FAIL');
		expect(out).toContain('n8n scanner ok');
		const allowed = out.split('\n').filter((line) => line.trim().startsWith('allowed '));
		expect(allowed).toHaveLength(3);
		expect(out.match(/why allowed: /g)).toHaveLength(3);
	});
});

describe('which findings are allowed', () => {
	const restricted = (module: string) => ({
		rule: RESTRICTED,
		message: `Import of '${module}' is not allowed. n8n Cloud does not allow community nodes with dependencies`,
	});

	it('allows the two card dependencies and the dependencies field, and nothing else', () => {
		expect(scan.allowanceFor(restricted('jsonwebtoken'))).toBeDefined();
		expect(scan.allowanceFor(restricted('form-data'))).toBeDefined();
		expect(
			scan.allowanceFor({ rule: '@n8n/community-nodes/no-runtime-dependencies', message: 'x' }),
		).toBeDefined();
		expect(scan.allowanceFor(restricted('node:net'))).toBeUndefined();
		expect(scan.allowanceFor(restricted('jsonwebtoken-extra'))).toBeUndefined();
		expect(
			scan.allowanceFor({ rule: 'n8n-nodes-base/node-param-default-missing', message: 'x' }),
		).toBeUndefined();
		for (const allowed of scan.ALLOWED_FINDINGS) expect(allowed.reason.length).toBeGreaterThan(20);
	});

	it('reads a report row by row and refuses one whose count it cannot match', () => {
		const report = [
			'',
			'/pkg/nodes/A.node.ts',
			"  3:1  error  Import of 'node:net' is not allowed  " + RESTRICTED,
			'  9:2  error  Parsing error: Unexpected token',
			'',
			'✖ 2 problems (2 errors, 0 warnings)',
		].join('\n');
		expect(scan.parseReport(report)).toEqual([
			expect.objectContaining({ file: '/pkg/nodes/A.node.ts', line: 3, rule: RESTRICTED }),
			expect.objectContaining({ line: 9, rule: undefined }),
		]);
		expect(() => scan.parseReport(report.replace('✖ 2', '✖ 3'))).toThrow(/announces 3/);
		expect(() => scan.parseReport('something else')).toThrow(/announces no problems/);
	});
});
