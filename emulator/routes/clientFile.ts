import { randomUUID } from 'node:crypto';

import { bodyString, jsonObject } from '../bodyFields';
import { EmulatorHttpError } from '../http';
import { parseMultipart, type UploadedFile } from '../multipart';
import type { Route, RouteRequest } from './types';

// developers.coreplus.com.au/api/api-end-points/client-files/post-client-files-file-upload/:
// a `json` part (no file name) and a file part. The page's table names the file field `File`, its
// description `file`; a .NET model binder reads either, so both are accepted.
const JSON_FIELDS = ['name', 'primaryDomainKey', 'size', 'entity', 'parentFolderId', 'isFolder'];
const FILE_FIELDS = ['File', 'file'];

type Json = Record<string, unknown>;

/** The `json` part, checked as the page's table states it. */
function jsonPart(fields: Map<string, { value: string }>): Json {
	const part = fields.get('json');
	if (!part) throw new EmulatorHttpError(400, 'The json part is required');
	let parsed: unknown;
	try {
		parsed = JSON.parse(part.value);
	} catch {
		throw new EmulatorHttpError(400, 'The json part is not valid JSON');
	}
	const json = jsonObject(parsed);
	const unknown = Object.keys(json).find((key) => !JSON_FIELDS.includes(key));
	if (unknown)
		throw new EmulatorHttpError(
			400,
			`json.${unknown} is not a documented field (allowed: ${JSON_FIELDS.join(', ')})`,
		);
	bodyString(json, 'name', { required: true });
	bodyString(json, 'primaryDomainKey', { required: true });
	bodyString(json, 'parentFolderId');
	// "size | string | File size in bytes".
	if (typeof json.size !== 'string' || !/^\d+$/.test(json.size))
		throw new EmulatorHttpError(400, 'json.size must be the file size in bytes, as a string');
	if (json.entity !== 'client')
		throw new EmulatorHttpError(400, 'json.entity must be "client" (the only entity supported)');
	if (json.isFolder !== undefined && json.isFolder !== false)
		throw new EmulatorHttpError(400, 'json.isFolder must be false for a file upload');
	const stray = [...fields.keys()].find((name) => name !== 'json');
	if (stray) throw new EmulatorHttpError(400, `Part "${stray}" is not a file and is not json`);
	return json;
}

/** The one file part, matching the json part's name and size. */
function filePart(files: UploadedFile[], json: Json): UploadedFile {
	if (files.length !== 1)
		throw new EmulatorHttpError(400, `Exactly one file part is required (got ${files.length})`);
	const [file] = files;
	if (!FILE_FIELDS.includes(file.field))
		throw new EmulatorHttpError(400, `The file part must be named File (got "${file.field}")`);
	if (file.fileName !== json.name)
		throw new EmulatorHttpError(
			400,
			`json.name "${String(json.name)}" does not match the file part's name "${file.fileName}"`,
		);
	if (String(file.size) !== json.size)
		throw new EmulatorHttpError(
			400,
			`json.size ${String(json.size)} does not match the ${file.size} bytes uploaded`,
		);
	return file;
}

/**
 * coreplus' answer is not documented: the emulator answers as the `fileAnswer` switch says, an
 * empty 200, a flat record of the stored file, or a status object.
 */
function answer({ shapes }: RouteRequest, stored: Json) {
	switch (shapes.current.fileAnswer) {
		case 'empty':
			return { body: undefined };
		case 'status':
			return { body: { result: [], statusMessages: [] } };
		default: {
			const { content: _content, json: _json, field: _field, ...record } = stored;
			return { body: record };
		}
	}
}

export const clientFileRoutes: Route[] = [
	{
		method: 'POST',
		pattern: 'file',
		permission: 'UPLOAD_CLIENT_FILE',
		deniedReason: 'Not authorized for uploading client files',
		async handle(request) {
			const { headers, rawBody, bodyStream, data } = request;
			if (headers['content-length'] === undefined)
				throw new EmulatorHttpError(400, 'Content-Length is required for the upload');
			const { fields, files } = await parseMultipart(headers, bodyStream ?? rawBody);
			const json = jsonPart(fields);
			const file = filePart(files, json);
			const clientId = json.primaryDomainKey as string;
			if (!data.clients.some((client) => client.clientId === clientId))
				throw new EmulatorHttpError(404, `Client ${clientId} not found`);
			const stored: Json = {
				fileId: randomUUID(),
				name: file.fileName,
				size: file.size,
				mimeType: file.mimeType,
				sha256: file.sha256,
				primaryDomainKey: clientId,
				entity: 'client',
				parentFolderId: json.parentFolderId ?? null,
				field: file.field,
				json,
				content: file.content,
			};
			data.clientFiles.push(stored);
			return answer(request, stored);
		},
	},
];
