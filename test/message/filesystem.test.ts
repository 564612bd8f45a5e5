import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import { node, runWorkflow } from '../../harness/engine';
import { coreplusNode, useEmulator } from '../../harness/helpers';
import { PNG, sha256, storedMessages } from '../support/messageFixtures';

/*
 * n8n's binary data in filesystem mode (the default of a real n8n instance): once n8n-core's
 * BinaryDataService is initialised, prepareBinaryData writes files to disk and items carry only an
 * `id`. This file switches the service for its own jest module registry, so other test files keep
 * memory mode.
 */
const env = useEmulator();
const folder = mkdtempSync(join(tmpdir(), 'coreplus-message-'));

beforeAll(async () => {
	await Container.get(BinaryDataService).init();
});

afterEach(() => {
	jest.restoreAllMocks();
});

/** Read/Write Files from Disk → coreplus Message → Send, through n8n's engine. */
async function sendFromDisk(path: string) {
	const { emulator } = env;
	return await runWorkflow({
		nodes: [
			node({
				name: 'Read file',
				type: 'n8n-nodes-base.readWriteFile',
				parameters: { operation: 'read', fileSelector: path, options: {} },
			}),
			coreplusNode({
				resource: 'message',
				operation: 'send',
				binaryProperties: 'data',
				sendingFacility: 'Scanner',
			}),
		],
		connections: { 'Read file': { main: [[{ node: 'coreplus', type: 'main', index: 0 }]] } },
		credentials: { coreplusApi: emulator.credentials() as never },
	});
}

test('a file kept on disk by n8n is streamed into the upload, not loaded into memory', async () => {
	const bytes = Buffer.concat(Array.from({ length: 64 }, () => PNG.bytes)); // ~19 kB, several stream chunks
	const path = join(folder, 'x-ray.png');
	writeFileSync(path, bytes);
	const service = BinaryDataService.prototype;
	const asStream = jest.spyOn(service, 'getAsStream');
	const asBuffer = jest.spyOn(service, 'getAsBuffer');
	const metadata = jest.spyOn(service, 'getMetadata');

	const result = await sendFromDisk(path);
	expect(result.error).toBeUndefined();

	const read = result.output('Read file')[0].binary!.data;
	expect(read.id).toMatch(/^filesystem-v2:/); // n8n really stored it on disk
	expect(metadata).toHaveBeenCalledWith(read.id);
	expect(asStream).toHaveBeenCalledWith(read.id, undefined);
	expect(asBuffer).not.toHaveBeenCalled();

	const [stored] = storedMessages(env.emulator);
	expect(stored.files).toMatchObject([
		{ name: 'x-ray.png', mimeType: 'image/png', size: bytes.length, sha256: sha256(bytes) },
	]);
	expect(stored.messageData.MessageContents).toEqual([
		{ AttachedFileDetails: { Size: bytes.length, Name: 'x-ray.png' } },
	]);
	const [received] = env.emulator.apiRequests('message');
	expect(received.headers['content-length']).toBe(String(received.rawBody.length));
	expect(received.claims).toMatchObject({
		httpMethod: 'POST',
		url: `${env.emulator.url}/API/Core/v2/Message/`,
	});
});

test('an empty file on disk is refused from its stored size, before any request and without opening it', async () => {
	const path = join(folder, 'blank-scan.pdf');
	writeFileSync(path, Buffer.alloc(0));
	const asStream = jest.spyOn(BinaryDataService.prototype, 'getAsStream');
	const result = await sendFromDisk(path);
	expect(result.error?.message).toMatch(
		/Invalid "Binary Properties" in item 0: the file "blank-scan.pdf" .* is empty \(0 bytes\)/,
	);
	expect(asStream).not.toHaveBeenCalled();
	expect(env.emulator.requests).toHaveLength(0);
});
