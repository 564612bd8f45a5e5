import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

import busboy from 'busboy';

import { agreedFileName, fileDispositions } from './fileNameReaders';
import { EmulatorHttpError } from './http';

export interface UploadedFile {
	/** The part's `name` parameter (coreplus' sample uses `file`). */
	field: string;
	/**
	 * The decoded file name. A buffered body's name must read the same in busboy and in three other
	 * readers (fileNameReaders.ts), or the upload is refused: a server built on any of them must
	 * see the name `AttachedFileDetails.Name` declares.
	 */
	fileName: string;
	mimeType: string;
	size: number;
	sha256: string;
	/** The bytes; absent when the body was streamed (`streamUploads`), which keeps only size and hash. */
	content?: Buffer;
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
export async function parseMultipart(
	headers: IncomingHttpHeaders,
	body: Buffer | Readable,
): Promise<MultipartBody> {
	if (!/^multipart\/form-data/i.test(String(headers['content-type'] ?? ''))) {
		throw new EmulatorHttpError(400, 'The request must be a multipart/form-data upload');
	}
	const declared = Number(headers['content-length']);
	const lengthMismatch = (received: number) =>
		headers['content-length'] !== undefined && declared !== received
			? new EmulatorHttpError(
					400,
					`Content-Length ${declared} does not match the ${received} bytes received`,
				)
			: undefined;
	const keep = Buffer.isBuffer(body);
	if (keep && lengthMismatch(body.length)) throw lengthMismatch(body.length);
	let received = 0;
	const parsed: MultipartBody = { fields: new Map(), files: [] };
	let fileCount = 0;
	await new Promise<void>((resolve, reject) => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers, defParamCharset: 'utf8', preservePath: false });
		} catch (error) {
			return reject(
				new EmulatorHttpError(
					400,
					`The multipart body could not be read: ${(error as Error).message}`,
				),
			);
		}
		const pending: Array<Promise<void>> = [];
		parser.on('field', (name, value, info) => {
			parsed.fields.set(name, { value, mimeType: info.mimeType });
		});
		parser.on('file', (field, stream, info) => {
			const order = fileCount++;
			const chunks: Buffer[] = [];
			const hash = createHash('sha256');
			let size = 0;
			pending.push(
				new Promise((done) => {
					stream.on('data', (chunk: Buffer) => {
						size += chunk.length;
						hash.update(chunk);
						if (keep) chunks.push(chunk);
					});
					stream.on('end', () => {
						const file: UploadedFile = {
							field,
							fileName: info.filename,
							mimeType: info.mimeType,
							size,
							sha256: hash.digest('hex'),
						};
						if (keep) file.content = Buffer.concat(chunks);
						parsed.files[order] = file;
						done();
					});
				}),
			);
		});
		parser.on('error', (error: Error) =>
			reject(new EmulatorHttpError(400, `The multipart body could not be read: ${error.message}`)),
		);
		parser.on('close', () => void Promise.all(pending).then(() => resolve()));
		if (Buffer.isBuffer(body)) return void parser.end(body);
		body.on('data', (chunk: Buffer) => (received += chunk.length));
		body.on('error', reject);
		body.pipe(parser);
	});
	if (!keep && lengthMismatch(received)) throw lengthMismatch(received);
	if (keep) checkFileNames(parsed.files, fileDispositions(body, String(headers['content-type'])));
	return parsed;
}

/** Refuses a file whose name the readers (busboy included) do not all read the same. */
function checkFileNames(files: UploadedFile[], dispositions: string[]): void {
	files.forEach((file, index) => {
		const header = dispositions[index];
		if (header === undefined) return;
		const { name, readings } = agreedFileName(header);
		if (name !== undefined && name === file.fileName) return;
		const read = Object.entries({ busboy: file.fileName, ...readings }).map(
			([reader, value]) => `${reader} ${JSON.stringify(value)}`,
		);
		throw new EmulatorHttpError(
			400,
			`The file name in "${header}" reads differently depending on the reader: ${read.join(', ')}`,
		);
	});
}
