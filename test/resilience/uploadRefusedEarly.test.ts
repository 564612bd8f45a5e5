import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { node, runWorkflow } from '../../harness/engine';
import { coreplusNode, useEmulator } from '../../harness/helpers';
import { addHarriet, sha256, storedMessages } from '../support/messageFixtures';

/*
 * A server may answer a large upload (a 429 above all) as soon as its headers arrive and close the
 * connection with the body unread: the node then sees a reset while the body is still being
 * written. coreplus cannot have stored an upload whose last byte it never received, so that is
 * "not stored" and sent again, like a small upload after a 429, never "may or may not have acted".
 * Files come from n8n's filesystem mode, streamed, as in a real instance.
 */
const env = useEmulator();
const folder = mkdtempSync(join(tmpdir(), 'coreplus-early-'));
const bytes = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 7) % 251));
const path = join(folder, 'scan.pdf');
writeFileSync(path, bytes);

beforeAll(async () => {
	await Container.get(BinaryDataService).init();
});
beforeEach(() => {
	env.emulator.data.messages.length = 0;
	env.emulator.data.clientFiles.length = 0;
});

async function uploadFromDisk(parameters: INode['parameters']) {
	return await runWorkflow({
		nodes: [
			node({
				name: 'Read file',
				type: 'n8n-nodes-base.readWriteFile',
				parameters: { operation: 'read', fileSelector: path, options: {} },
			}),
			coreplusNode(parameters),
		],
		connections: { 'Read file': { main: [[{ node: 'coreplus', type: 'main', index: 0 }]] } },
		credentials: { coreplusApi: env.emulator.credentials() as never },
	});
}

const operations: Array<[string, string, () => INode['parameters']]> = [
	[
		'message',
		'message',
		() => ({ resource: 'message', operation: 'send', sendingFacility: 'Scanner' }),
	],
	[
		'client file',
		'file',
		() => ({
			resource: 'clientFile',
			operation: 'upload',
			clientId: { __rl: true, mode: 'id', value: addHarriet(env.emulator) },
		}),
	],
];

const stored = () => [
	...storedMessages(env.emulator).flatMap((message) => message.files),
	...env.emulator.data.clientFiles,
];

test.each(operations)(
	'a %s upload refused with 429 before its 3 MB body was written is sent again and stored once',
	async (_, path, parameters) => {
		const { emulator } = env;
		emulator.injectFault({ kind: 'statusBeforeBody', status: 429, method: 'POST', path });
		const result = await uploadFromDisk(parameters());
		expect(result.error).toBeUndefined();
		const posts = emulator.requests.filter((r) => r.path.toLowerCase().startsWith(path));
		expect(posts.map((r) => r.status)).toEqual([429, 200]);
		expect(stored()).toEqual([
			expect.objectContaining({ size: bytes.length, sha256: sha256(bytes) }),
		]);
	},
);

test.each(operations)(
	'a %s upload refused early every time fails as not stored once Max Retries are spent, never as unknown',
	async (_, path, parameters) => {
		const { emulator } = env;
		emulator.injectFault({
			kind: 'statusBeforeBody',
			status: 429,
			method: 'POST',
			path,
			times: 1000,
		});
		const result = await uploadFromDisk({
			...parameters(),
			requestOptions: { maxRetries: 2, retryDelayMs: 10 },
		});
		// An attempt whose 429 answer arrived before the reset is retried as any 429 (not counted).
		const posts = emulator.requests.filter((r) => r.path.toLowerCase().startsWith(path));
		expect(posts.length).toBeGreaterThanOrEqual(3);
		const what = `POST ${path === 'file' ? 'File' : 'Message'}/`;
		expect(result.error?.message).toMatch(
			new RegExp(
				`^coreplus did not receive all of ${what}: the connection was (reset|closed) before the upload's last byte was sent, after ${posts.length} attempt\\(s\\)$`,
			),
		);
		expect(result.error?.description).toMatch(/nothing was stored/);
		expect(stored()).toHaveLength(0);
	},
);
