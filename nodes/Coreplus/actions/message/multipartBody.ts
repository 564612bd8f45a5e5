import type { Readable } from 'node:stream';

import FormData from 'form-data';
import type { IDataObject } from 'n8n-workflow';

import type { MessageFile } from './files';

/** RFC 8187 value (`utf-8''…`), the form coreplus' sample upload carries in `filename*`. */
function extendedValue(text: string): string {
	return `utf-8''${encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** A plain-ASCII `filename=` for servers that ignore `filename*` (accents dropped, the rest replaced). */
function asciiFallback(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\]/g, '_');
}

/**
 * coreplus' sample part header is `form-data; name=file; filename=cat.jpg; filename*=utf-8''cat.jpg`
 * (what .NET's HttpClient writes). The form-data package would write only `filename="<raw UTF-8>"`,
 * so the disposition is set here: a quoted ASCII fallback plus the exact name in `filename*`.
 */
export function fileDisposition(fileName: string): string {
	return `form-data; name="file"; filename="${asciiFallback(fileName)}"; filename*=${extendedValue(fileName)}`;
}

export interface MultipartBody {
	form: FormData;
	/** Exact byte length of the body, for Content-Length (known because each file's size is). */
	length: number;
	/** Streams opened for this body; closed by the caller once the request is over. */
	streams: Readable[];
}

/** File parts first, then `messageData`, in the order of coreplus' sample. */
export async function buildMultipartBody(files: MessageFile[], messageData: IDataObject): Promise<MultipartBody> {
	const form = new FormData();
	const streams: Readable[] = [];
	for (const file of files) {
		const content = await file.open();
		if (!Buffer.isBuffer(content)) streams.push(content);
		// form-data only fills in part headers it lacks, so the whole part header is written here.
		// knownLength lets form-data count a stream without reading it, so getLengthSync() is exact.
		const header = `--${form.getBoundary()}\r\nContent-Disposition: ${fileDisposition(file.fileName)}\r\nContent-Type: ${file.mimeType}\r\n\r\n`;
		form.append('file', content, { knownLength: file.size, header });
	}
	form.append('messageData', JSON.stringify(messageData), { contentType: 'text/plain; charset=utf-8' });
	return { form, length: form.getLengthSync(), streams };
}
