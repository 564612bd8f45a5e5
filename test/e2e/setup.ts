/* Shared by `npm run test:e2e` and `npm run dev`: an n8n user folder with this package, the credential and the examples. */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { CoreplusEmulator } from '../../emulator/server';
import { mailCredentials, type MailServerCredentials } from './mail';
import { N8nInstance, packPackage } from './n8n';
import { EXAMPLES_DIR, e2eExamples, forImport, type ExampleWorkflow } from './workflows';

const REPO_ROOT = join(__dirname, '..', '..');
/** The URL example workflows use for the emulator (`npm run emulator`'s default); replaced by the real one. */
export const EXAMPLE_EMULATOR_URL = 'http://127.0.0.1:8787';
/**
 * Where example workflows read files: the folder n8n's Docker image allows by default. Replaced by
 * the instance's own allowed folder, into which `examples/files/` is copied.
 */
export const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';
const SAMPLE_FILES = join(EXAMPLES_DIR, 'files');
/** The id example workflows use for the coreplus credential. */
export const CREDENTIAL = { id: 'coreplusEmulator', name: 'coreplus emulator' };

export interface PreparedN8n {
	n8n: N8nInstance;
	workflows: ExampleWorkflow[];
}

/**
 * Installs (or reuses) the n8n CLI, packs this package and installs the tarball as a community
 * package, then imports a credential pointing at the emulator and the given example workflows.
 */
export async function prepareN8n(
	emulator: CoreplusEmulator,
	options: {
		workflows?: ExampleWorkflow[];
		userFolder?: string;
		log?: (text: string) => void;
		mail?: MailServerCredentials;
	} = {},
): Promise<PreparedN8n> {
	const log = options.log ?? (() => undefined);
	const workflows = options.workflows ?? e2eExamples();
	log(`n8n CLI ${N8nInstance.version} (installed into the cache on first use)`);
	const n8n = N8nInstance.create(options.userFolder);
	log(`user folder ${n8n.userFolder}`);
	const tarball = packPackage(REPO_ROOT, n8n.userFolder);
	n8n.installCommunityPackage(tarball);
	log(`installed ${tarball} as a community package in .n8n/nodes`);

	mkdirSync(n8n.filesFolder, { recursive: true });
	if (existsSync(SAMPLE_FILES)) cpSync(SAMPLE_FILES, n8n.filesFolder, { recursive: true });

	await n8n.importJson('credentials', [
		{ ...CREDENTIAL, type: 'coreplusApi', data: emulator.credentials() },
		// The SMTP / IMAP credentials examples' mail nodes use, when the run has mail servers.
		...mailCredentials(options.mail),
	]);
	if (workflows.length) {
		const forN8n = workflows.map((example) =>
			JSON.parse(
				JSON.stringify(forImport(example, CREDENTIAL))
					.split(EXAMPLE_EMULATOR_URL)
					.join(emulator.url)
					.split(EXAMPLE_FILES_DIR)
					.join(n8n.filesFolder),
			),
		);
		await n8n.importJson('workflow', forN8n);
	}
	log(`imported the credential and ${workflows.length} workflow(s) (emulator at ${emulator.url})`);
	return { n8n, workflows };
}
