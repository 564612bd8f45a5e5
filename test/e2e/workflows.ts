/* Finds the example workflows that take part in the end-to-end run (convention: CONTRIBUTING.md, "Examples: how they join the end-to-end test"). */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { Arrangement } from './arrange';
import { withEmulatorSettings, type EmulatorSettings } from './exampleSettings';
import type { ExpectedMail } from './mail';

/** What the emulator must have received: a verified request with this method, path and query. */
export interface ExpectedRequest {
	method: string;
	/** Lower-case path below /API/Core/<version>/, without trailing slash, e.g. `location`. */
	path: string;
	/** Query values that must be present; an array means the key repeats in exactly this order. */
	query?: Record<string, string | string[]>;
	/** JSON body fields that must be present with these values. */
	body?: Record<string, unknown>;
	/** At least this many such requests (default 1). */
	count?: number;
}

export interface E2eExpectations {
	/** Node whose output is checked (default: the last node n8n executed). */
	node?: string;
	minItems?: number;
	maxItems?: number;
	/** Keys every output item of that node must have. */
	itemKeys?: string[];
	/** Exact number of output items of other nodes, e.g. the branch that skipped records. */
	itemCounts?: Record<string, number>;
	/** Exact values the first output item must have (dotted paths allowed, e.g. `paging.totalRows`). */
	firstItem?: Record<string, unknown>;
	requests?: ExpectedRequest[];
	/** The run is expected to fail with a message containing this text (error-path examples). */
	errorContains?: string;
	/**
	 * Files the emulator must have stored from a message upload during the run: name, and the size
	 * and SHA-256 of `file` (a path below examples/, e.g. `files/referral-letter.pdf`).
	 */
	uploads?: Array<{ name: string; file: string }>;
	/** Messages the loopback SMTP server must have received during the run (mail.ts). */
	mails?: ExpectedMail[];
}

export interface E2eOptions {
	expect?: E2eExpectations;
	/**
	 * Nodes that need a service outside the emulator (an SMTP server, …): imported disabled, so n8n
	 * passes their input through. In `npm run dev` too; enable them in the editor once that service exists.
	 */
	disable?: string[];
	skipReason?: string;
	/** Clients and appointments put into the emulator just before the run (arrange.ts). */
	arrange?: Arrangement;
	/** A Form Trigger's answers by field label: the runner submits them to the form's production URL. */
	form?: Record<string, string>;
}

export interface WorkflowNode {
	name: string;
	type: string;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface ExampleWorkflow {
	file: string;
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	meta?: { e2e?: boolean | E2eOptions; emulatorSettings?: EmulatorSettings };
	[key: string]: unknown;
}

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** Every `examples/*.json`, in file-name order. */
export function allExamples(dir = EXAMPLES_DIR): ExampleWorkflow[] {
	let files: string[];
	try {
		files = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort();
	} catch {
		return [];
	}
	return files.map((file) => ({
		...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleWorkflow),
		file,
	}));
}

/**
 * The examples that take part in `npm run test:e2e`: those with `meta.e2e` set, narrowed by
 * `E2E_ONLY` (comma-separated parts of file names, e.g. `E2E_ONLY=referral,trigger`) so one can run
 * a few while developing without loading the machine with all of them.
 */
export function e2eExamples(dir = EXAMPLES_DIR, only = process.env.E2E_ONLY): ExampleWorkflow[] {
	const wanted = (only ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	return allExamples(dir)
		.filter((workflow) => Boolean(workflow.meta?.e2e))
		.filter((workflow) => !wanted.length || wanted.some((part) => workflow.file.includes(part)));
}

function optionsOf(workflow: ExampleWorkflow): E2eOptions {
	const e2e = workflow.meta?.e2e;
	return typeof e2e === 'object' ? e2e : {};
}

export function expectationsOf(workflow: ExampleWorkflow): E2eExpectations {
	return optionsOf(workflow).expect ?? {};
}

export function arrangementOf(workflow: ExampleWorkflow): Arrangement | undefined {
	return optionsOf(workflow).arrange;
}

export const FORM_TRIGGER_TYPE = 'n8n-nodes-base.formTrigger';

/** The workflow's n8n Form Trigger and the answers to submit to it (`meta.e2e.form`), if it has one. */
export function formOf(
	workflow: ExampleWorkflow,
): { trigger: WorkflowNode; answers: Record<string, string> } | undefined {
	const trigger = workflow.nodes.find((node) => node.type === FORM_TRIGGER_TYPE);
	if (!trigger) return undefined;
	const answers = optionsOf(workflow).form;
	if (!answers)
		throw new Error(`${workflow.file}: a Form Trigger needs meta.e2e.form (the answers)`);
	return { trigger, answers };
}

/** n8n workflow ids are 16 characters; derive a stable one from the file name. */
export function workflowIdFor(file: string): string {
	const slug = basename(file, '.json').replace(/[^A-Za-z0-9]/g, '');
	return `e2e${slug}`.padEnd(16, '0').slice(0, 16);
}

/**
 * The example as n8n imports it: every node that uses the coreplus credential is pointed at the
 * credential this run imported (examples in the repo carry a placeholder id), the "Set these first"
 * node is filled with emulator ids (`meta.emulatorSettings`), the id is fixed, the nodes named in
 * `meta.e2e.disable` are disabled.
 */
export function forImport(workflow: ExampleWorkflow, credential: { id: string; name: string }) {
	const { file: _file, ...rest } = workflow;
	void _file;
	const e2e = workflow.meta?.e2e;
	const disabled = new Set(typeof e2e === 'object' ? (e2e.disable ?? []) : []);
	for (const name of disabled) {
		if (!workflow.nodes.some((node) => node.name === name))
			throw new Error(`${workflow.file}: meta.e2e.disable names no node "${name}"`);
	}
	return {
		...rest,
		id: workflowIdFor(workflow.file),
		active: false,
		settings: { executionOrder: 'v1', ...(rest.settings as object | undefined) },
		nodes: withEmulatorSettings(workflow.nodes, workflow.meta?.emulatorSettings, workflow.file)
			.map((node) => (disabled.has(node.name) ? { ...node, disabled: true } : node))
			.map((node) =>
				node.credentials?.coreplusApi
					? { ...node, credentials: { ...node.credentials, coreplusApi: credential } }
					: node,
			),
	};
}

/**
 * The trigger a workflow starts from when it has no Manual Trigger (e.g. the coreplus Trigger, a
 * Schedule Trigger): such a workflow is run the way the editor runs it, since `n8n execute` needs a
 * Manual Trigger; one with a Form Trigger is run by submitting its form (formSubmit.ts).
 */
export function editorStartOf(workflow: ExampleWorkflow): string | undefined {
	if (workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')) return undefined;
	// n8n's Email Trigger (IMAP) is a trigger whose type name does not say so.
	return workflow.nodes.find(
		(node) => /trigger$/i.test(node.type) || node.type === 'n8n-nodes-base.emailReadImap',
	)?.name;
}
