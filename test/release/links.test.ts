/* Every documentation link the package ships (homepage, the credential's documentationUrl, the
 * codex files) leads to the npm page and to an anchor one of the README's headings produces. */
// Plain JS shared with `npm run release:check`, which runs the same check before publishing.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require('../../scripts/release-check.js') as {
	NPM_PAGE: string;
	slugOf(heading: string): string;
	readmeAnchors(markdown: string): Set<string>;
	documentationLinks(): Array<{ where: string; url: string }>;
	linkProblems(links?: Array<{ where: string; url: string }>, anchors?: Set<string>): string[];
};
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';

describe('documentation links', () => {
	it('each one is the npm page with an anchor the README has', () => {
		const links = release.documentationLinks();
		expect(links.length).toBeGreaterThanOrEqual(6);
		expect(release.linkProblems(links)).toEqual([]);
	});

	it('reads the credential link the class really carries', () => {
		const credentialLink = release
			.documentationLinks()
			.find((link) => link.where.includes('documentationUrl'));
		expect(credentialLink?.url).toBe(new CoreplusApi().documentationUrl);
	});

	it('reports a link to an anchor no heading gives, and a link to another site', () => {
		const anchors = release.readmeAnchors('# Title\n\n## Credentials\n');
		const problems = release.linkProblems(
			[
				{ where: 'a', url: `${release.NPM_PAGE}#credentials` },
				{ where: 'b', url: `${release.NPM_PAGE}#operations` },
				{ where: 'c', url: 'https://github.com/invented/repo#credentials' },
			],
			anchors,
		);
		expect(problems).toEqual([expect.stringContaining('b: '), expect.stringContaining('c: ')]);
	});
});

describe('README anchors as GitHub and npm build them', () => {
	it('lower-cases, drops punctuation, keeps dashes and numbers repeated headings', () => {
		const anchors = release.readmeAnchors(
			[
				'## coreplus Trigger',
				'### Message → Send',
				'## Install in n8n',
				'## Notes',
				'## Notes',
				'```',
				'# not a heading',
				'```',
			].join('\n'),
		);
		expect([...anchors]).toEqual([
			'coreplus-trigger',
			'message--send',
			'install-in-n8n',
			'notes',
			'notes-1',
		]);
	});
});

describe("the editor's Docs links", () => {
	it('lead to the README sections the editor names: credentials, operations, the trigger', () => {
		const anchors = new Set(
			release.documentationLinks().map((link) => String(link.url).split('#')[1]),
		);
		anchors.delete(undefined as never);
		expect([...anchors].sort()).toEqual(['coreplus-trigger', 'credentials', 'operations']);
		const readme = release.readmeAnchors(readFileSync(join(__dirname, '../../README.md'), 'utf8'));
		for (const anchor of anchors) expect(readme.has(anchor)).toBe(true);
	});
});
