/* Assertions on one headless n8n execution and on what the emulator received during it. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RecordedRequest } from '../../emulator/server';
import type { ExecutionRun } from './n8n';
import { EXAMPLES_DIR, type E2eExpectations, type ExpectedRequest } from './workflows';

type Item = Record<string, unknown>;

/** Output items of a node's last run (first output). */
export function outputOf(run: ExecutionRun, nodeName: string): Item[] {
	const runs = run.data.resultData.runData[nodeName];
	assert.ok(
		runs?.length,
		`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
	);
	const last = runs[runs.length - 1];
	assert.ok(!last.error, `node "${nodeName}" failed: ${last.error?.message}`);
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}

function valueAt(item: Item, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as Item | undefined)?.[key], item);
}

/**
 * Every request n8n sent reached the emulator with a token the emulator verified, signed for the
 * exact URL (query string included) and method it received.
 */
export function assertAllSigned(requests: RecordedRequest[]): void {
	for (const request of requests) {
		assert.ok(request.claims, `${request.method} ${request.url} was refused: ${request.reason}`);
		assert.equal(request.claims.url, request.url, 'the url claim is the URL the emulator received');
		assert.equal(
			request.claims.httpMethod,
			request.method,
			'the httpMethod claim is the method received',
		);
	}
}

/** `appointment/*` stands for `appointment/<any id>` (an id the run itself created). */
function samePath(received: string, expected: string): boolean {
	const path = received.replace(/\/+$/, '').toLowerCase();
	const wanted = expected.toLowerCase();
	return wanted.endsWith('/*')
		? path.startsWith(wanted.slice(0, -1)) && !path.slice(wanted.length - 1).includes('/')
		: path === wanted;
}

function matches(request: RecordedRequest, expected: ExpectedRequest): boolean {
	if (request.method !== expected.method.toUpperCase()) return false;
	if (!samePath(request.path, expected.path)) return false;
	for (const [key, value] of Object.entries(expected.query ?? {})) {
		const received = request.query.getAll(key);
		if (JSON.stringify(Array.isArray(value) ? received : received[0]) !== JSON.stringify(value))
			return false;
	}
	for (const [key, value] of Object.entries(expected.body ?? {})) {
		if (JSON.stringify(valueAt((request.json ?? {}) as Item, key)) !== JSON.stringify(value))
			return false;
	}
	return true;
}

function describeReceived(requests: RecordedRequest[]): string {
	return requests.map((r) => `  ${r.method} ${r.url} -> ${r.status}`).join('\n') || '  (nothing)';
}

/** A file the emulator stored from a message upload (a `files` entry of its `data.messages` rows). */
interface StoredFile {
	name?: unknown;
	size?: unknown;
	sha256?: unknown;
}

/** Every expected file arrived whole: same name, size and SHA-256 as the sample on disk. */
function assertUploads(messages: Item[], uploads: NonNullable<E2eExpectations['uploads']>): void {
	const stored = messages.flatMap((message) => (message.files as StoredFile[] | undefined) ?? []);
	for (const upload of uploads) {
		const bytes = readFileSync(join(EXAMPLES_DIR, upload.file));
		const expected = {
			name: upload.name,
			size: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
		};
		const found = stored.find((file) => file.name === upload.name);
		assert.ok(
			found,
			`the emulator stored no file "${upload.name}"; it stored: ${JSON.stringify(stored.map((f) => f.name))}`,
		);
		assert.deepEqual(
			{ name: found.name, size: found.size, sha256: found.sha256 },
			expected,
			`stored file "${upload.name}"`,
		);
	}
}

/** The checks a workflow declares in `meta.e2e.expect`. */
export function assertExpectations(
	run: ExecutionRun,
	requests: RecordedRequest[],
	expect: E2eExpectations,
	/** The emulator's `data.messages` rows added during the run. */
	storedMessages: Item[] = [],
): void {
	const error = run.data.resultData.error;
	if (expect.errorContains) {
		assert.ok(error, `the run should have failed with "${expect.errorContains}"`);
		assert.ok(
			`${error.message} ${error.description ?? ''}`.includes(expect.errorContains),
			`error "${error.message}" should contain "${expect.errorContains}"`,
		);
	} else {
		assert.ok(!error, `the run failed: ${error?.message} ${error?.description ?? ''}`);
	}

	const nodeName = expect.node ?? run.data.resultData.lastNodeExecuted;
	if (nodeName && !expect.errorContains) {
		const items = outputOf(run, nodeName);
		assert.ok(
			items.length >= (expect.minItems ?? 1),
			`"${nodeName}" returned ${items.length} item(s), expected at least ${expect.minItems ?? 1}`,
		);
		if (expect.maxItems !== undefined)
			assert.ok(
				items.length <= expect.maxItems,
				`"${nodeName}" returned ${items.length} items, expected at most ${expect.maxItems}`,
			);
		for (const key of expect.itemKeys ?? []) {
			items.forEach((item, index) =>
				assert.ok(key in item, `"${nodeName}" item ${index} has no "${key}"`),
			);
		}
		for (const [path, value] of Object.entries(expect.firstItem ?? {})) {
			assert.deepEqual(valueAt(items[0] ?? {}, path), value, `"${nodeName}" first item: ${path}`);
		}
	}

	for (const [node, count] of Object.entries(expect.itemCounts ?? {})) {
		// A branch that got no item did not run at all: that is 0.
		const ran = Boolean(run.data.resultData.runData[node]?.length);
		const items = ran || count ? outputOf(run, node) : [];
		assert.equal(
			items.length,
			count,
			`"${node}" returned ${items.length} item(s), expected ${count}`,
		);
	}
	if (expect.uploads) assertUploads(storedMessages, expect.uploads);

	for (const expected of expect.requests ?? []) {
		const found = requests.filter((r) => r.claims && matches(r, expected)).length;
		assert.ok(
			found >= (expected.count ?? 1),
			`the emulator should have received ${expected.count ?? 1}x ${expected.method} ${expected.path} ${JSON.stringify(expected.query ?? {})}; it received:\n${describeReceived(requests)}`,
		);
	}
}
