import type { IncomingHttpHeaders } from 'node:http';

import busboy from 'busboy';

import { EmulatorHttpError } from './http';

export interface UploadedFile {
	/** The part's `name` parameter (coreplus' sample uses `file`). */
	field: string;
	/** The decoded file name: `filename*=utf-8''…` wins over `filename=` (RFC 6266), as in coreplus' sample. */
	fileName: string;
	mimeType: string;
	content: Buffer;
}

export interface MultipartBody {
	/** Parts without a file name, by name, as UTF-8 text. */
	fields: Map<string, { value: string; mimeType: string }>;
	files: UploadedFile[];
}

/**
 * Parses a multipart/form-data body for real (busboy), the way an ASP.NET server would: quoted or
 * token parameters, `filename*` with its charset, raw UTF-8 in `filename=` (what the form-data
 * package and browsers send for non-ASCII names).
 */
export async function parseMultipart(headers: IncomingHttpHeaders, rawBody: Buffer): Promise<MultipartBody> {
	if (!/^multipart\/form-data/i.test(String(headers['content-type'] ?? ''))) {
		throw new EmulatorHttpError(400, 'The request must be a multipart/form-data upload');
	}
	const declared = Number(headers['content-length']);
	if (headers['content-length'] !== undefined && declared !== rawBody.length) {
		throw new EmulatorHttpError(400, `Content-Length ${declared} does not match the ${rawBody.length} bytes received`);
	}
	const body: MultipartBody = { fields: new Map(), files: [] };
	await new Promise<void>((resolve, reject) => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers, defParamCharset: 'utf8', preservePath: false });
		} catch (error) {
			return reject(new EmulatorHttpError(400, `The multipart body could not be read: ${(error as Error).message}`));
		}
		const pending: Array<Promise<void>> = [];
		parser.on('field', (name, value, info) => {
			body.fields.set(name, { value, mimeType: info.mimeType });
		});
		parser.on('file', (field, stream, info) => {
			const chunks: Buffer[] = [];
			pending.push(
				new Promise((done) => {
					stream.on('data', (chunk: Buffer) => chunks.push(chunk));
					stream.on('end', () => {
						body.files.push({ field, fileName: info.filename, mimeType: info.mimeType, content: Buffer.concat(chunks) });
						done();
					});
				}),
			);
		});
		parser.on('error', (error: Error) => reject(new EmulatorHttpError(400, `The multipart body could not be read: ${error.message}`)));
		parser.on('close', () => void Promise.all(pending).then(() => resolve()));
		parser.end(rawBody);
	});
	return body;
}
