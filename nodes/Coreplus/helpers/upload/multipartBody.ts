import FormData from 'form-data';

import type { BinaryStream, UploadFile } from './binaryFile';

// RFC 8187 attr-char: what stays literal in `filename*` (.NET escapes every other byte).
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;
// RFC 7230 token characters: such a name goes unquoted, as in coreplus' sample (`filename=cat.jpg`).
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
// Printable ASCII that needs no escaping inside a quoted string and cannot be misread by a reader
// that splits the header on `;` or decodes `=?…?=` encoded words.
const PLAIN_QUOTABLE = /^[\x20-\x7e]+$/;
const NEEDS_ENCODED_WORD = /["\\;]|=\?/;

/**
 * The most bytes a part's header block may have: the default of ASP.NET Core's MultipartReader
 * (`HeadersLengthLimit`, 16 KiB) and of busboy and Node's HTTP parser. A longer header (a long
 * non-ASCII file name is written twice, encoded) is refused by the server after the upload.
 */
export const PART_HEADER_LIMIT = 16 * 1024;

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
 * A file part's disposition as .NET's `MultipartFormDataContent` writes it, the form of coreplus'
 * sample: `form-data; name=file; filename=cat.jpg; filename*=utf-8''cat.jpg`. Every reader gets the
 * same name: one that takes `filename`, one that prefers `filename*` (RFC 6266) and .NET's own.
 */
export function fileDisposition(field: string, fileName: string): string {
	return `form-data; name=${field}; filename=${plainValue(fileName)}; filename*=${extendedValue(fileName)}`;
}

/** A file part's header block, exactly as sent (after the boundary line). */
export function filePartHeader(field: string, file: Pick<UploadFile, 'fileName' | 'mimeType'>) {
	return `Content-Disposition: ${fileDisposition(field, file.fileName)}\r\nContent-Type: ${file.mimeType}\r\n\r\n`;
}

/** One part of an upload: a file under a field name, or a text field (JSON) without a file name. */
export type UploadPart =
	{ field: string; file: UploadFile } | { field: string; text: string; contentType: string };

export interface MultipartBody {
	form: FormData;
	/** Exact byte length of the body, for Content-Length (known because each file's size is). */
	length: number;
	/** Streams opened for this body; closed by the caller once the request is over. */
	streams: BinaryStream[];
}

/**
 * The one multipart body of every coreplus upload (Message, Client File), parts in the order
 * given. Files are opened here, for this body only: a stream is single-use.
 */
export async function buildMultipartBody(parts: UploadPart[]): Promise<MultipartBody> {
	const form = new FormData();
	const streams: BinaryStream[] = [];
	for (const part of parts) {
		if (!('file' in part)) {
			form.append(part.field, part.text, { contentType: part.contentType });
			continue;
		}
		const content = await part.file.open();
		if (!Buffer.isBuffer(content)) streams.push(content);
		// form-data only fills in part headers it lacks, so the whole part header is written here.
		// knownLength lets form-data count a stream without reading it, so getLengthSync() is exact.
		const header = `--${form.getBoundary()}\r\n${filePartHeader(part.field, part.file)}`;
		form.append(part.field, content, { knownLength: part.file.size, header });
	}
	return { form, length: form.getLengthSync(), streams };
}
