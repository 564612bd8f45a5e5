import type { AnswerShapes } from '../../emulator/shapes';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { addHarriet, itemWith, PDF, PNG, sha256 } from '../support/messageFixtures';

/**
 * Client File → Upload (`POST File/`): one multipart request per file, a `json` part as the page's
 * table writes it and the file part `File`; any 2xx without a refusal is a stored file.
 */
const env = useEmulator();
let clientId: string;

beforeAll(() => {
	clientId = addHarriet(env.emulator);
});
beforeEach(() => {
	env.emulator.data.clientFiles.length = 0;
	env.emulator.shapes.reset();
});

const upload = (extra: Record<string, unknown> = {}) => ({
	resource: 'clientFile',
	operation: 'upload',
	clientId: { __rl: true, mode: 'id', value: clientId },
	...extra,
});

/** The parts of one received multipart body, in order: name, file name, content type and bytes. */
function partsOf(raw: Buffer, contentType: string) {
	const boundary = /boundary=(\S+)/.exec(contentType)![1];
	const text = raw.toString('latin1');
	return text
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((chunk) => {
			const [head, ...rest] = chunk.slice(2, -2).split('\r\n\r\n');
			const body = Buffer.from(rest.join('\r\n\r\n'), 'latin1');
			return {
				disposition: /Content-Disposition: (.*)/i.exec(head)?.[1],
				contentType: /Content-Type: (.*)/i.exec(head)?.[1],
				body,
			};
		});
}

test("one file goes up as a signed multipart POST to File/: the json part names the client and the bytes sent, the file part is 'File'", async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, upload(), { input: [itemWith({ data: PDF })] });
	expect(result.error).toBeUndefined();

	const [received] = emulator.apiRequests('file');
	expect(emulator.requests.filter((r) => !r.overRateLimit)).toHaveLength(1);
	expect(received.claims).toMatchObject({
		httpMethod: 'POST',
		url: `${emulator.url}/API/Core/v2/File/`,
	});
	expect(received.headers['content-length']).toBe(String(received.rawBody.length));
	const [json, file] = partsOf(received.rawBody, String(received.headers['content-type']));
	expect(json.disposition).toBe('form-data; name="json"');
	expect(json.contentType).toBe('application/json');
	expect(JSON.parse(json.body.toString('utf8'))).toEqual({
		name: 'referral.pdf',
		primaryDomainKey: clientId,
		size: String(file.body.length),
		entity: 'client',
		isFolder: false,
	});
	expect(file.disposition).toBe(
		"form-data; name=File; filename=referral.pdf; filename*=utf-8''referral.pdf",
	);
	expect(file.contentType).toBe('application/pdf');
	expect(file.body.equals(PDF.bytes)).toBe(true);

	expect(emulator.data.clientFiles).toMatchObject([
		{
			name: 'referral.pdf',
			primaryDomainKey: clientId,
			size: PDF.bytes.length,
			sha256: sha256(PDF.bytes),
			field: 'File',
		},
	]);
	const [output] = jsonOf(result.output('coreplus'));
	expect(output).toMatchObject({
		uploaded: true,
		clientId,
		fileName: 'referral.pdf',
		size: PDF.bytes.length,
		mimeType: 'application/pdf',
		binaryProperty: 'data',
		response: { fileId: emulator.data.clientFiles[0].fileId },
	});
});

test.each<[AnswerShapes['fileAnswer'], unknown]>([
	['empty', null],
	[
		'record',
		expect.objectContaining({ name: 'referral.pdf', primaryDomainKey: expect.any(String) }),
	],
	['status', { result: [], statusMessages: [] }],
])('an answer of shape %s is a stored file', async (fileAnswer, response) => {
	const { emulator } = env;
	emulator.shapes.set({ fileAnswer });
	const result = await runCoreplus(emulator, upload(), { input: [itemWith({ data: PDF })] });
	expect(result.error).toBeUndefined();
	expect(emulator.apiRequests('file').map((r) => r.status)).toEqual([200]);
	expect(emulator.data.clientFiles).toHaveLength(1);
	expect(jsonOf(result.output('coreplus'))).toEqual([
		expect.objectContaining({ uploaded: true, fileName: 'referral.pdf', response }),
	]);
});

test('each binary property is its own request; a file can be renamed, non-ASCII included, and filed in a folder', async () => {
	const { emulator } = env;
	const folder = '0a1b2c3d-1111-4222-8333-444455556666';
	const result = await runCoreplus(
		emulator,
		upload({
			binaryProperties: 'letter, photo',
			options: {
				parentFolderId: folder,
				fileNames: { files: [{ binaryProperty: 'photo', fileName: 'Wunde – Zoë.png' }] },
			},
		}),
		{ input: [itemWith({ letter: PDF, photo: PNG })] },
	);
	expect(result.error).toBeUndefined();
	const posts = emulator.apiRequests('file');
	expect(posts).toHaveLength(2);
	expect(
		emulator.data.clientFiles.map(({ name, size, sha256: hash, parentFolderId }) => ({
			name,
			size,
			hash,
			parentFolderId,
		})),
	).toEqual([
		{
			name: 'referral.pdf',
			size: PDF.bytes.length,
			hash: sha256(PDF.bytes),
			parentFolderId: folder,
		},
		{
			name: 'Wunde – Zoë.png',
			size: PNG.bytes.length,
			hash: sha256(PNG.bytes),
			parentFolderId: folder,
		},
	]);
	const json = JSON.parse(
		partsOf(posts[1].rawBody, String(posts[1].headers['content-type']))[0].body.toString('utf8'),
	);
	expect(json).toEqual({
		name: 'Wunde – Zoë.png',
		primaryDomainKey: clientId,
		size: String(PNG.bytes.length),
		entity: 'client',
		parentFolderId: folder,
		isFolder: false,
	});
	const items = result.output('coreplus');
	expect(items.map((item) => [item.json.fileName, item.pairedItem])).toEqual([
		['referral.pdf', { item: 0 }],
		['Wunde – Zoë.png', { item: 0 }],
	]);
});

test("a lost answer fails as 'outcome unknown, check the client's files' and nothing is sent again", async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'file' });
	const result = await runCoreplus(
		emulator,
		upload({ binaryProperties: 'letter, photo', requestOptions: { maxRetries: 3 } }),
		{ input: [itemWith({ letter: PDF, photo: PNG })] },
	);
	expect(result.error?.message).toMatch(
		/^Outcome unknown, check the client's files: whether "referral.pdf" was stored for client .* is unknown/,
	);
	expect(result.error?.description).toMatch(/not sent again.*Not sent: "wound-photo.png"\./);
	// One request: the lost one is not re-sent, the next file is not sent after it.
	expect(emulator.apiRequests('file')).toHaveLength(1);
	expect(emulator.data.clientFiles.map((file) => file.name)).toEqual(['referral.pdf']);
});

test("coreplus' refusal fails the item with its reason, and nothing is stored", async () => {
	const { emulator } = env;
	const result = await runCoreplus(
		emulator,
		upload({ clientId: { __rl: true, mode: 'id', value: '0f0f0f0f-0000-4000-8000-000000000000' } }),
		{ input: [itemWith({ data: PDF })] },
	);
	expect(result.error?.message).toMatch(/Client 0f0f0f0f-0000-4000-8000-000000000000 not found/);
	expect(emulator.apiRequests('file')).toHaveLength(1);
	expect(emulator.data.clientFiles).toHaveLength(0);
});

test('Retry On Fail after a lost answer never uploads a file twice: one copy stored, the item fails outcome unknown', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'file' });
	const result = await runCoreplus(emulator, upload(), {
		input: [itemWith({ data: PDF })],
		nodeExtra: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});
	expect(result.error?.message).toMatch(
		/^Outcome unknown, check the client's files: whether "referral.pdf" was stored for client .* is unknown \(an earlier attempt's answer was lost/,
	);
	expect(emulator.apiRequests('file')).toHaveLength(1);
	expect(emulator.data.clientFiles.map((file) => file.name)).toEqual(['referral.pdf']);
});

test('Retry On Fail after a later file failed: the file stored by the first attempt is reported already stored, not sent again', async () => {
	const { emulator } = env;
	// The first attempt stores the letter, then the photo is refused once; the retry sends only the photo.
	emulator.injectFault({ kind: 'status', status: 400, method: 'POST', path: 'file', skip: 1 });
	const result = await runCoreplus(emulator, upload({ binaryProperties: 'letter, photo' }), {
		input: [itemWith({ letter: PDF, photo: PNG })],
		nodeExtra: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))).toMatchObject([
		{ fileName: 'referral.pdf', uploaded: false, alreadyStored: true, response: null },
		{ fileName: 'wound-photo.png', uploaded: true },
	]);
	expect(emulator.apiRequests('file')).toHaveLength(3);
	expect(emulator.data.clientFiles.map((file) => file.name)).toEqual([
		'referral.pdf',
		'wound-photo.png',
	]);
});
