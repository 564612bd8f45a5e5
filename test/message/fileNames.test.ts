import { fileDisposition } from '../../nodes/Coreplus/helpers/upload/multipartBody';
import { agreedFileName } from '../../emulator/fileNameReaders';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { itemWith, PDF, storedMessages } from '../support/messageFixtures';

/**
 * File names written the way .NET's MultipartFormDataContent writes them (coreplus' sample), so
 * that a server reading the plain `filename`, one preferring `filename*` (RFC 6266) and .NET's own
 * reader (RFC 2047 encoded words) all file the upload under the name `AttachedFileDetails.Name`
 * declares. The emulator refuses an upload whose name reads differently in any of them.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.messages.length = 0;
});

const send = { resource: 'message', operation: 'send', sendingFacility: 'Referral inbox (n8n)' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// [file name, the part's Content-Disposition as .NET writes it]
const names: Array<[string, string]> = [
	['referral.pdf', "form-data; name=file; filename=referral.pdf; filename*=utf-8''referral.pdf"],
	[
		'my letter (final).pdf',
		`form-data; name=file; filename="my letter (final).pdf"; filename*=utf-8''my%20letter%20%28final%29.pdf`,
	],
	[
		"Zoë O'Brien – Überweisung.pdf",
		`form-data; name=file; filename="=?utf-8?B?${b64("Zoë O'Brien – Überweisung.pdf")}?="; filename*=utf-8''Zo%C3%AB%20O%27Brien%20%E2%80%93%20%C3%9Cberweisung.pdf`,
	],
	[
		'紹介状.pdf',
		`form-data; name=file; filename="=?utf-8?B?${b64('紹介状.pdf')}?="; filename*=utf-8''%E7%B4%B9%E4%BB%8B%E7%8A%B6.pdf`,
	],
	[
		'a;b.pdf',
		`form-data; name=file; filename="=?utf-8?B?${b64('a;b.pdf')}?="; filename*=utf-8''a%3Bb.pdf`,
	],
	[
		'say "hi".pdf',
		`form-data; name=file; filename="=?utf-8?B?${b64('say "hi".pdf')}?="; filename*=utf-8''say%20%22hi%22.pdf`,
	],
];

test.each(names)(
	'%s arrives under the same name in every reader and matches AttachedFileDetails.Name',
	async (fileName, disposition) => {
		const { emulator } = env;
		const result = await runCoreplus(emulator, send, {
			input: [itemWith({ data: { ...PDF, fileName } })],
		});
		expect(result.error).toBeUndefined();
		const [received] = emulator.apiRequests('message');
		expect(received.rawBody.toString('utf8')).toContain(
			`\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/pdf\r\n`,
		);
		const [stored] = storedMessages(emulator);
		expect(stored.files.map((file) => file.name)).toEqual([fileName]);
		expect(stored.messageData.MessageContents).toEqual([
			{ AttachedFileDetails: { Size: PDF.bytes.length, Name: fileName } },
		]);
		expect(jsonOf(result.output('coreplus'))[0].sentFiles).toEqual([
			expect.objectContaining({ fileName }),
		]);
	},
);

// Names other checks may refuse before any request; the header must still be unambiguous.
test.each([
	'C:\\scans\\letter.pdf',
	'line\r\nbreak.pdf',
	'tab\there.pdf',
	'=?utf-8?B?YQ==?=.pdf',
	'semi; filename=evil.exe',
])('%j is written so that every reader reads exactly it', (fileName) => {
	const disposition = fileDisposition('file', fileName);
	expect(disposition).not.toMatch(/[\r\n]/);
	expect(agreedFileName(disposition)).toEqual({
		name: fileName,
		readings: { firstParameter: fileName, rfc6266: fileName, rfc2047: fileName },
	});
});

test('the emulator refuses a header whose plain filename differs from filename* (the former ASCII fallback)', () => {
	const former = `form-data; name="file"; filename="Uberweisung fur Zoe.pdf"; filename*=utf-8''%C3%9Cberweisung%20f%C3%BCr%20Zo%C3%AB.pdf`;
	expect(agreedFileName(former)).toEqual({
		name: undefined,
		readings: {
			firstParameter: 'Uberweisung fur Zoe.pdf',
			rfc6266: 'Überweisung für Zoë.pdf',
			rfc2047: 'Uberweisung fur Zoe.pdf',
		},
	});
});
