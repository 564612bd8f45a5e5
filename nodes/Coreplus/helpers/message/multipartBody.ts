import FormData from 'form-data';
import type { IDataObject } from 'n8n-workflow';

import type { BinaryStream } from './binaryFile';
import type { MessageFile } from './files';

// RFC 8187 attr-char: what stays literal in `filename*` (.NET escapes every other byte).
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;
// RFC 7230 token characters: such a name goes unquoted, as in coreplus' sample (`filename=cat.jpg`).
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
// Printable ASCII that needs no escaping inside a quoted string and cannot be misread by a reader
// that splits the header on `;` or decodes `=?…?=` encoded words.
const PLAIN_QUOTABLE = /^[\x20-\x7e]+$/;
const NEEDS_ENCODED_WORD = /["\\;]|=\?/;

/** RFC 8187 value (`utf-8''…`), byte for byte as .NET's `ContentDispositionHeaderValue.FileNameStar` writes it. */
function extendedValue(text: string): string {
	const bytes = [...Buffer.from(text, 'utf8')];
	return `utf-8''${bytes.map((byte) => (ATTR_CHAR.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('')}`;
}

/**
 * The `filename` parameter as .NET's `ContentDispositionHeaderValue.FileName` writes it: a token
 * as is, other printable ASCII quoted, anything else as a quoted RFC 2047 encoded word
 * (`"=?utf-8?B?…?="`), which .NET and RFC 2047-aware readers decode to the exact name. `"`, `\`
 * and `;` (which .NET refuses or writes ambiguously) and control characters such as CR/LF are
 * sent the same encoded way, so no reader can cut the header short or lose a character.
 */
function plainValue(text: string): string {
	if (TOKEN.test(text)) return text;
	if (PLAIN_QUOTABLE.test(text) && !NEEDS_ENCODED_WORD.test(text)) return `"${text}"`;
	return `"=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?="`;
}

/**
 * The file part's disposition as .NET's `MultipartFormDataContent` writes it, the form of coreplus'
 * sample: `form-data; name=file; filename=cat.jpg; filename*=utf-8''cat.jpg`. Every reader gets the
 * same name: one that takes `filename`, one that prefers `filename*` (RFC 6266) and .NET's own.
 */
export function fileDisposition(fileName: string): string {
	return `form-data; name=file; filename=${plainValue(fileName)}; filename*=${extendedValue(fileName)}`;
}

export interface MultipartBody {
	form: FormData;
	/** Exact byte length of the body, for Content-Length (known because each file's size is). */
	length: number;
	/** Streams opened for this body; closed by the caller once the request is over. */
	streams: BinaryStream[];
}

/** File parts first, then `messageData`, in the order of coreplus' sample. */
export async function buildMultipartBody(
	files: MessageFile[],
	messageData: IDataObject,
): Promise<MultipartBody> {
	const form = new FormData();
	const streams: BinaryStream[] = [];
	for (const file of files) {
		const content = await file.open();
		if (!Buffer.isBuffer(content)) streams.push(content);
		// form-data only fills in part headers it lacks, so the whole part header is written here.
		// knownLength lets form-data count a stream without reading it, so getLengthSync() is exact.
		const header = `--${form.getBoundary()}\r\nContent-Disposition: ${fileDisposition(file.fileName)}\r\nContent-Type: ${file.mimeType}\r\n\r\n`;
		form.append('file', content, { knownLength: file.size, header });
	}
	form.append('messageData', JSON.stringify(messageData), {
		contentType: 'text/plain; charset=utf-8',
	});
	return { form, length: form.getLengthSync(), streams };
}
