/*
 * `npm run test:e2e`: this package in the real n8n CLI, installed the way a user installs it.
 *
 * 1. the pinned n8n CLI (cached outside the repository, see scripts/n8n-cli.js);
 * 2. `npm run build && npm pack`, the tarball installed as a community package in a fresh user folder;
 * 3. the emulator, a coreplus credential pointing at it, every `examples/*.json` with `meta.e2e`;
 * 4. each workflow run headless (`n8n execute --id … --rawOutput`), checked on its output and on what
 *    the emulator received (every request signed for the exact URL and method it arrived with);
 * 5. workflows that start from a trigger (no Manual Trigger; `n8n execute` cannot start them):
 *    `n8n start` on the same folder, and a manual run as the editor starts it, in which n8n calls a
 *    polling trigger's poll() in manual mode ("Fetch Test Event"); a Form Trigger's workflow is
 *    published first and its form submitted to the production URL (formSubmit.ts). Checked the same way.
 *
 * `meta.e2e.arrange` (arrange.ts) puts an example's clients and appointments into the emulator just
 * before it runs.
 */
import { CoreplusEmulator } from '../../emulator/server';
import { applyArrangement } from './arrange';
import { assertAllSigned, assertExpectations } from './checks';
import { freePort, serveEditor, type ServedEditor } from './editor';
import { publishForm, submitForm } from './formSubmit';
import { assertMails } from './mail';
import { runManually } from './manualRun';
import type { ExecutionRun } from './n8n';
import { prepareN8n } from './setup';
import { MailServers } from './mailServers';
import {
	arrangementOf,
	e2eExamples,
	editorStartOf,
	expectationsOf,
	formOf,
	workflowIdFor,
	type ExampleWorkflow,
} from './workflows';

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const step = (text: string) => console.log(`[e2e ${seconds(started)}] ${text}`);

async function main(): Promise<void> {
	const examples = e2eExamples();
	if (!examples.length) throw new Error('No examples/*.json has meta.e2e: nothing to run');

	const emulator = await new CoreplusEmulator().start();
	// Real SMTP and IMAP servers on loopback for the examples' mail nodes.
	const mail = await MailServers.start(examples, step).catch(async (error: Error) => {
		await emulator.stop();
		throw error;
	});
	const smtp = mail.smtp;
	let failures = 0;
	const { n8n } = await prepareN8n(emulator, {
		workflows: examples,
		log: step,
		mail: mail.credentials(),
	}).catch(async (error: Error) => {
		await mail.stop();
		await emulator.stop();
		throw error;
	});
	/** Runs one example and checks it; `execute` returns the run data or the reason there is none. */
	const check = async (
		example: ExampleWorkflow,
		how: string,
		execute: () => Promise<{ run?: ExecutionRun; detail: string }>,
	) => {
		const since = Date.now();
		emulator.resetLog();
		const messagesBefore = emulator.data.messages.length;
		smtp.messages.length = 0;
		let result: { run?: ExecutionRun; detail: string } = { detail: '' };
		try {
			applyArrangement(emulator.data, arrangementOf(example));
			result = await execute();
		} catch (error) {
			result.detail = (error as Error).message;
		}
		const requests = [...emulator.requests];
		const messages = emulator.data.messages.slice(messagesBefore);
		try {
			if (!result.run) throw new Error(`no run data from ${how}: ${result.detail}`);
			assertAllSigned(requests);
			const expect = expectationsOf(example);
			if (!expect.errorContains && !requests.length)
				throw new Error('the workflow sent nothing to coreplus');
			assertExpectations(result.run, requests, expect, messages);
			if (expect.mails) assertMails(result.run, smtp.messages, expect.mails);
			step(
				`PASS ${example.file} via ${how} (${requests.length} signed request(s) verified, ${seconds(since)})`,
			);
		} catch (error) {
			failures++;
			step(`FAIL ${example.file} via ${how}: ${(error as Error).message}`);
			for (const request of requests)
				console.log(
					`    received ${request.method} ${request.url} -> ${request.status} ${request.reason ?? ''}`,
				);
			if (process.env.COREPLUS_E2E_VERBOSE) console.log(result.detail);
		}
	};

	let editor: ServedEditor | undefined;
	try {
		for (const example of examples.filter((e) => !editorStartOf(e))) {
			await check(example, 'n8n execute', async () => {
				const result = await n8n.execute(workflowIdFor(example.file));
				return {
					run: result.run,
					detail: `exit ${result.status}\n${result.stdout}\n${result.stderr}`,
				};
			});
		}
		const fromTriggers = examples.filter((e) => editorStartOf(e));
		for (const example of fromTriggers.filter((e) => formOf(e))) await publishForm(n8n, example);
		if (fromTriggers.length) editor = await serveEditor(n8n, { port: await freePort(), log: step });
		for (const example of fromTriggers) {
			const trigger = editorStartOf(example)!;
			if (formOf(example)) {
				await check(example, `its form submitted to "${trigger}" (n8n start)`, async () => ({
					run: await submitForm(n8n, editor!, example),
					detail: '',
				}));
				continue;
			}
			await check(example, `a manual run from "${trigger}" (n8n start)`, async () => {
				mail.expectReader(example, step);
				return {
					run: await runManually(n8n, editor!, workflowIdFor(example.file), trigger),
					detail: '',
				};
			});
		}
	} finally {
		await editor?.stop();
		await mail.stop();
		await emulator.stop();
		n8n.dispose();
	}
	step(
		failures
			? `${failures} of ${examples.length} workflow(s) failed`
			: `all ${examples.length} workflow(s) passed`,
	);
	if (failures) process.exitCode = 1;
}

main().catch((error: Error) => {
	console.error(`[e2e] ${error.message}`);
	process.exitCode = 1;
});
