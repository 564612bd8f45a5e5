import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import { node, runWorkflow } from '../../harness/engine';
import { coreplusNode, useEmulator } from '../../harness/helpers';
import { addHarriet, sha256 } from '../support/messageFixtures';

/*
 * n8n's binary data in filesystem mode (a real instance's default): the file is streamed into the
 * upload from disk, never loaded into memory, as Message → Send does (both use helpers/upload).
 */
const env = useEmulator();
const folder = mkdtempSync(join(tmpdir(), 'coreplus-client-file-'));

beforeAll(async () => {
	await Container.get(BinaryDataService).init();
});
afterEach(() => {
	jest.restoreAllMocks();
});

test('a file kept on disk by n8n is streamed into the client file upload, its size from the store', async () => {
	const { emulator } = env;
	const clientId = addHarriet(emulator);
	const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256));
	const path = join(folder, 'Überweisung.pdf');
	writeFileSync(path, bytes);
	const service = BinaryDataService.prototype;
	const asStream = jest.spyOn(service, 'getAsStream');
	const asBuffer = jest.spyOn(service, 'getAsBuffer');

	const result = await runWorkflow({
		nodes: [
			node({
				name: 'Read file',
				type: 'n8n-nodes-base.readWriteFile',
				parameters: { operation: 'read', fileSelector: path, options: {} },
			}),
			coreplusNode({
				resource: 'clientFile',
				operation: 'upload',
				clientId: { __rl: true, mode: 'id', value: clientId },
			}),
		],
		connections: { 'Read file': { main: [[{ node: 'coreplus', type: 'main', index: 0 }]] } },
		credentials: { coreplusApi: emulator.credentials() as never },
	});
	expect(result.error).toBeUndefined();
	expect(result.output('Read file')[0].binary!.data.id).toMatch(/^filesystem-v2:/);
	expect(asStream).toHaveBeenCalled();
	expect(asBuffer).not.toHaveBeenCalled();
	expect(emulator.data.clientFiles).toMatchObject([
		{ name: 'Überweisung.pdf', size: bytes.length, sha256: sha256(bytes), field: 'File' },
	]);
	const [received] = emulator.apiRequests('file');
	expect(received.headers['content-length']).toBe(String(received.rawBody.length));
	expect(received.rawBody.toString('utf8')).toContain(
		`"name":"Überweisung.pdf","primaryDomainKey":"${clientId}","size":"${bytes.length}"`,
	);
});
