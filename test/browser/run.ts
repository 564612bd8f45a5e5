/*
 * `npm run test:browser`: the n8n editor in a real browser (Debian's chromium driven by
 * playwright-core), with this package installed as a community package (the same setup as
 * `npm run dev`, from test/e2e/editor.ts). It logs in, opens the coreplus nodes of the booking
 * example, reads the Resource and Operation lists, the practitioner and location dropdowns (filled
 * from the emulator through n8n's backend, checked on what the emulator received), and presses the
 * credential's Test (Retry) button with the right and with a wrong secret, and shows the AI
 * receptionist's canvas. Screenshots go to
 * test/.artifacts/screenshots/ (docs/screenshots/ with --update-docs).
 *
 * n8n's editor changes between versions: selectors are its `data-test-id`s, roles and texts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { resources } from '../../nodes/Coreplus/actions/resources';
import { CoreplusTrigger } from '../../nodes/CoreplusTrigger/CoreplusTrigger.node';
import { DEV_OWNER, freePort, startEditor, type RunningEditor } from '../e2e/editor';
import { allExamples, workflowIdFor, type ExampleWorkflow } from '../e2e/workflows';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Runs write their screenshots to an ignored folder; `npm run test:browser -- --update-docs`
// refreshes the ones the README shows.
const SCREENSHOTS = process.argv.includes('--update-docs')
	? join(__dirname, '..', '..', 'docs', 'screenshots')
	: join(__dirname, '..', '.artifacts', 'screenshots');
const EXAMPLE = 'book-first-free-slot.json';
const TRIGGER_EXAMPLE = 'new-appointment-email.json';
const AI_EXAMPLE = 'ai-receptionist.json';
// The example reads its ids from its "Set these first" node; here its slot search holds the ids a
// user picks in the dropdowns, so the editor shows them by name.
const PICKED = `picked-${EXAMPLE}`;

/** The example as a user leaves it after picking practitioner and location in the slot search's filters. */
function withPickedFilters(example: ExampleWorkflow): ExampleWorkflow {
	const settings = (example.meta?.emulatorSettings?.['Set these first'] ?? {}) as Record<
		string,
		string
	>;
	const nodes = example.nodes.map((node) =>
		node.name !== 'Find free slots'
			? node
			: {
					...node,
					parameters: {
						...(node.parameters as Record<string, unknown>),
						filters: {
							practitionerIds: [settings.practitionerId],
							locationIds: [settings.locationId],
						},
					},
				},
	);
	return { ...example, file: PICKED, name: `${example.name} (ids picked)`, nodes };
}

function browserWorkflows(): ExampleWorkflow[] {
	const examples = allExamples();
	return [...examples, withPickedFilters(examples.find((workflow) => workflow.file === EXAMPLE)!)];
}
const STEP_TIMEOUT_MS = 30_000;

const started = Date.now();
const step = (text: string) =>
	console.log(`[browser ${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);
let passed = 0;
let failed = 0;

/** One named check: a failure is reported with a screenshot and the run goes on to the next check. */
async function check(page: Page, name: string, body: () => Promise<void>): Promise<void> {
	try {
		await body();
		passed++;
		step(`PASS ${name}`);
	} catch (error) {
		failed++;
		step(`FAIL ${name}: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
		await page
			.screenshot({ path: join(SCREENSHOTS, `failed-${name.replace(/\W+/g, '-')}.png`) })
			.catch(() => undefined);
		await page.keyboard.press('Escape').catch(() => undefined);
	}
}

async function shot(page: Page, file: string): Promise<void> {
	await page.screenshot({ path: join(SCREENSHOTS, file) });
	step(`screenshot ${join(SCREENSHOTS, file)}`);
}

/** The open dropdown's options (closed dropdowns keep theirs in the page, hidden). */
const visibleOptions = (page: Page) => page.locator('[role="option"]:visible');

/** Texts of the open dropdown's options (first line of each: the name, not its description). */
async function openOptions(page: Page, testId: string): Promise<string[]> {
	await page.getByTestId(testId).click();
	const options = visibleOptions(page);
	await options.first().waitFor();
	return (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

async function closeDropdown(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await visibleOptions(page)
		.first()
		.waitFor({ state: 'hidden' })
		.catch(() => undefined);
}

async function logIn(page: Page, base: string): Promise<void> {
	await page.goto(`${base}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(DEV_OWNER.email);
	await page.locator('#password').fill(DEV_OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

/** Opens a node's settings straight from its URL (/workflow/<id>/<nodeId>). */
async function openNode(
	page: Page,
	base: string,
	workflowId: string,
	nodeId: string,
): Promise<void> {
	await page.goto(`${base}/workflow/${workflowId}/${nodeId}`);
	await page.getByTestId('parameter-input-resource').waitFor();
}

async function run(editor: RunningEditor, context: BrowserContext): Promise<void> {
	const { base, emulator } = editor;
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(STEP_TIMEOUT_MS);
	const example = browserWorkflows().find((workflow) => workflow.file === PICKED)!;
	const workflowId = workflowIdFor(PICKED);
	const nodeId = (name: string) => String(example.nodes.find((node) => node.name === name)!.id);
	const practitioners = emulator.data.practitioners
		.map((p) => `${p.title} ${p.firstName} ${p.lastName}`)
		.sort();
	const locations = emulator.data.locations.map((l) => String(l.name));

	await check(page, 'log in as the owner', async () => logIn(page, base));

	await check(page, 'coreplus node: resources and operations are listed', async () => {
		await openNode(page, base, workflowId, nodeId('Book the slot'));
		const resources = await openOptions(page, 'parameter-input-resource');
		await closeDropdown(page);
		assert.deepEqual(resources, [
			'Client',
			'Practitioner',
			'Location',
			'Appointment Type',
			'Availability Slot',
			'Appointment',
			'Message',
			'Invoice',
			'Payment',
			'Client File',
		]);
		const operations = await openOptions(page, 'parameter-input-operation');
		await closeDropdown(page);
		for (const operation of ['Book', 'Get', 'Get Many'])
			assert.ok(
				operations.includes(operation),
				`operation "${operation}" in ${JSON.stringify(operations)}`,
			);
	});

	await check(
		page,
		'practitioner and location dropdowns load names from the emulator',
		async () => {
			emulator.resetLog();
			await openNode(page, base, workflowId, nodeId('Find free slots'));
			// The saved ids are shown by name once n8n's backend has loaded the options from the emulator.
			await page
				.getByTestId('parameter-input-practitionerIds')
				.getByText(practitioners.find((p) => p.includes('Aisha'))!)
				.waitFor();
			await page
				.getByTestId('parameter-input-locationIds')
				.getByText(locations[0], { exact: false })
				.waitFor();
			const practitionerNames = await openOptions(page, 'parameter-input-practitionerIds');
			await shot(page, 'editor-practitioner-dropdown.png');
			await closeDropdown(page);
			assert.deepEqual([...practitionerNames].sort(), practitioners);
			const locationNames = await openOptions(page, 'parameter-input-locationIds');
			await closeDropdown(page);
			for (const name of locations)
				assert.ok(
					locationNames.some((text) => text.startsWith(name)),
					`location "${name}" in ${JSON.stringify(locationNames)}`,
				);
			// The names came through n8n's backend: it sent signed requests the emulator verified.
			assert.ok(
				emulator.apiRequests('practitioner').length,
				'the emulator received a signed GET Practitioner/',
			);
			assert.ok(
				emulator.apiRequests('location').length,
				'the emulator received a signed GET Location/',
			);
		},
	);

	await check(
		page,
		"credential Test succeeds against the emulator and shows coreplus' reason for a wrong secret",
		async () => {
			await page.getByTestId('credential-edit-button').click();
			const modal = page.getByTestId('editCredential-modal');
			await modal.waitFor();
			emulator.resetLog();
			await modal.getByRole('button', { name: 'Retry' }).click();
			await modal.getByTestId('credentials-config-container-test-success').waitFor();
			await modal.getByText('Connection tested successfully').waitFor();
			assert.ok(
				emulator.apiRequests().length,
				'the Test button reached the emulator with a verified token',
			);

			const secret = modal.getByTestId('parameter-input-consumerSecret').locator('input');
			await secret.fill('not-the-consumer-secret');
			await modal.getByTestId('credential-save-button').click();
			await modal
				.getByText("Couldn't connect with these settings")
				.or(modal.getByText('Couldn’t connect with these settings'))
				.waitFor();
			await modal.getByText('More details').click();
			await modal.getByText('signature verification failed').waitFor();
			await shot(page, 'editor-credential-wrong-secret.png');
			assert.ok(
				emulator.requests.some((r) => r.reason?.includes('signature verification failed')),
				'the emulator refused the wrongly signed token',
			);
		},
	);

	await check(page, 'canvas: the examples as imported, subtitles name the action', async () => {
		await page.goto(`${base}/workflow/${workflowIdFor(TRIGGER_EXAMPLE)}`);
		const trigger = page.getByTestId('canvas-node').filter({ hasText: 'coreplus Trigger' });
		const triggerText = (await trigger.innerText()).replace(/\s+/g, ' ');
		assert.ok(
			triggerText.includes('coreplus Trigger New Appointment'),
			`the trigger subtitled "New Appointment": ${triggerText}`,
		);
		await page.goto(`${base}/workflow/${workflowIdFor(EXAMPLE)}`);
		await page.getByTestId('canvas-node').filter({ hasText: 'Find free slots' }).waitFor();
		const nodes = await page.getByTestId('canvas-node').allInnerTexts();
		for (const [name, subtitle] of [
			['Find free slots', 'Get many availability slots'],
			['Book the slot', 'Book an appointment'],
			['Read the appointment back', 'Get an appointment'],
		])
			assert.ok(
				nodes.some((text) => text.replace(/\s+/g, ' ').includes(`${name} ${subtitle}`)),
				`"${name}" subtitled "${subtitle}" in ${JSON.stringify(nodes)}`,
			);
		await shot(page, 'first-workflow.png');
	});

	await check(
		page,
		'canvas: the AI receptionist as imported, its tools on the MCP Server Trigger',
		async () => {
			await page.goto(`${base}/workflow/${workflowIdFor(AI_EXAMPLE)}`);
			await page.getByTestId('canvas-node').filter({ hasText: 'book_appointment' }).waitFor();
			const nodes = (await page.getByTestId('canvas-node').allInnerTexts()).join(' ');
			for (const name of [
				'MCP Server Trigger',
				'search_free_slots',
				'find_client',
				'book_appointment',
			])
				assert.ok(nodes.includes(name), `"${name}" on the canvas: ${nodes}`);
			await shot(page, 'ai-receptionist.png');
		},
	);

	// Last: it adds a node to the open workflow without saving it.
	await check(
		page,
		'node picker: one coreplus entry, every action by name, a new node with useful defaults',
		async () => {
			const trigger = new CoreplusTrigger().description;
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('coreplus');
			const creator = page.getByTestId('node-creator');
			// n8n merges the trigger into the coreplus node and shows the trigger's description for both.
			await creator.getByText(trigger.description).first().waitFor();
			await creator
				.getByTestId('node-creator-item-name')
				.getByText('coreplus', { exact: true })
				.click();
			await creator.getByText(`Triggers (${triggerEventCount(trigger)})`).waitFor();
			const actions = resources.flatMap((resource) => resource.operations).map((o) => o.action);
			// The picker renders its sections one after another; wait for the last, never a snapshot.
			const missing = await until(async () => {
				const listed = await creator.innerText();
				return actions.filter((action) => !listed.includes(action));
			}, 20_000);
			assert.deepEqual(missing, [], 'every action is in the node picker');
			await shot(page, 'editor-node-picker.png');

			await creator.getByText('Get many availability slots', { exact: true }).click();
			const parameters = page.getByTestId('node-parameters');
			await parameters.getByTestId('parameter-input-timeZoneLocationId').waitFor();
			const shown = (await parameters.innerText()).split('\n').map((line) => line.trim());
			const labels = [
				'Start Date',
				'End Date',
				'Time Zone',
				'Time Zone Location',
				'Only This Location',
				'Appointment Type',
				'Filters',
				'Return All',
				'Limit',
				'Simplify',
			];
			const positions = labels.map((label) => shown.indexOf(label));
			assert.ok(
				positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1])),
				`labels ${JSON.stringify(labels)} in this order in ${JSON.stringify(shown)}`,
			);
			assert.deepEqual(
				shown.filter((line) => /name or id/i.test(line)),
				[],
			);
			// Start and End Date default to today and a week ahead, so a first run finds something.
			assert.ok(shown.includes('{{ $today.toISODate() }}'), 'Start Date defaults to today');
			assert.ok(
				shown.includes('{{ $today.plus({ days: 7 }).toISODate() }}'),
				'End Date defaults to a week ahead',
			);
			await shot(page, 'editor-new-slot-search.png');
		},
	);
}

/** Polls `read` until it returns an empty list or `ms` pass; returns the last reading. */
async function until<T>(read: () => Promise<T[]>, ms: number): Promise<T[]> {
	const deadline = Date.now() + ms;
	let last = await read();
	while (last.length > 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		last = await read();
	}
	return last;
}

/** How many events the trigger offers: the node picker lists one trigger action per event. */
function triggerEventCount(trigger: CoreplusTrigger['description']): number {
	const events = trigger.properties.find((property) => property.name === 'events');
	return events?.options?.length ?? 0;
}

async function main(): Promise<void> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	selectors.setTestIdAttribute('data-test-id');
	const editor = await startEditor({
		workflows: browserWorkflows(),
		n8nPort: await freePort(),
		log: step,
	});
	const profile = mkdtempSync(join(tmpdir(), 'coreplus-chromium-'));
	let context: BrowserContext | undefined;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: { width: 1400, height: 900 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		step(`chromium ${context.browser()?.version() ?? ''} on ${editor.base}`);
		await run(editor, context);
	} finally {
		await context?.close();
		await editor.stop();
		rmSync(profile, { recursive: true, force: true });
	}
	step(`${passed} passed, ${failed} failed`);
	console.log(`${passed} passed, ${failed} failed`);
	if (failed) process.exitCode = 1;
}

main().catch((error: Error) => {
	console.error(`[browser] ${error.message}`);
	process.exitCode = 1;
});
