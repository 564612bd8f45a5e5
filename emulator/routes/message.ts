import { randomUUID } from 'node:crypto';

import { bodyDate, bodyEnum, bodyString, jsonObject } from '../bodyFields';
import type { Row } from '../data';
import { EmulatorHttpError } from '../http';
import { parseMultipart, type UploadedFile } from '../multipart';
import type { Route } from './types';

// Field names, casing and choices from developers.coreplus.com.au/api/api-end-points/message/.
// The page lists the letter codes next to the words ("Male(M)") and its sample sends the words;
// the emulator accepts both so that either reading of the page is exercised.
export const MESSAGE_GENDERS = ['Male', 'Female', 'Unknown', 'Other', 'M', 'F', 'U', 'O'] as const;
export const MESSAGE_MARITAL_STATUSES = [
	'Single',
	'Married',
	'Widowed',
	'Divorced',
	'Unknown',
	'S',
	'M',
	'W',
	'D',
	'U',
] as const;
const ADDRESS_FIELDS = ['AddressLine', 'Country', 'Postcode', 'State', 'Suburb'];
const SECTION_FIELDS: Record<string, string[]> = {
	Client: [
		'Id',
		'Firstname',
		'Surname',
		'Title',
		'Address',
		'DateOfBirth',
		'Gender',
		'HomePhone',
		'BusinessPhone',
		'MaritalStatus',
	],
	PractitionerFrom: ['Firstname', 'Surname', 'Title', 'Address', 'ProviderNumber'],
	PractitionerTo: ['Id', 'Firstname', 'Surname', 'Title', 'Address', 'ProviderNumber'],
};
const TOP_LEVEL_FIELDS = ['Header', 'MessageContents', ...Object.keys(SECTION_FIELDS)];

type Json = Record<string, unknown>;

/** Runs a field check on a nested object and names the field by its full path in the error. */
function within<T>(path: string, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof EmulatorHttpError)
			throw new EmulatorHttpError(error.status, `${path}.${error.reason}`);
		throw error;
	}
}

/** Strict about documented names: a field with another casing (e.g. `FirstName`) is refused, not ignored. */
function onlyKnownFields(object: Json, allowed: string[], path: string): void {
	for (const key of Object.keys(object)) {
		if (!allowed.includes(key))
			throw new EmulatorHttpError(
				400,
				`${path ? `${path}.` : ''}${key} is not a documented field (allowed: ${allowed.join(', ')})`,
			);
	}
}

function objectAt(path: string, value: unknown): Json {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new EmulatorHttpError(400, `${path} must be an object`);
	return value as Json;
}

function section(messageData: Json, name: string): Json | undefined {
	const value = messageData[name];
	if (value === undefined || value === null) return undefined;
	const object = objectAt(name, value);
	onlyKnownFields(object, SECTION_FIELDS[name], name);
	for (const field of SECTION_FIELDS[name].filter((f) => f !== 'Address'))
		within(name, () => bodyString(object, field));
	if (object.Address !== undefined) {
		const address = objectAt(`${name}.Address`, object.Address);
		onlyKnownFields(address, ADDRESS_FIELDS, `${name}.Address`);
		for (const field of ADDRESS_FIELDS) within(`${name}.Address`, () => bodyString(address, field));
	}
	return object;
}

interface FileDetails {
	Name: string;
	Size: number;
}

function attachedFileDetails(messageData: Json): FileDetails[] {
	const contents = messageData.MessageContents;
	if (!Array.isArray(contents) || !contents.length)
		throw new EmulatorHttpError(400, 'MessageContents is required: one entry per attached file');
	return contents.map((entry, index) => {
		const path = `MessageContents[${index}].AttachedFileDetails`;
		const details = (entry as Json | null)?.AttachedFileDetails as Json | undefined;
		if (!details || typeof details !== 'object')
			throw new EmulatorHttpError(400, `${path} is required`);
		onlyKnownFields(details, ['Size', 'Name'], path);
		const name = within(path, () => bodyString(details, 'Name', { required: true }))!;
		if (!Number.isInteger(details.Size) || (details.Size as number) < 0)
			throw new EmulatorHttpError(400, `${path}.Size must be the file's size in bytes`);
		return { Name: name, Size: details.Size as number };
	});
}

/** Every described file must be uploaded with exactly that name and size, and every upload described. */
function pairFiles(details: FileDetails[], files: UploadedFile[]): UploadedFile[] {
	if (!files.length) throw new EmulatorHttpError(400, 'At least one file part is required');
	const unclaimed = [...files];
	const paired = details.map((detail) => {
		const index = unclaimed.findIndex(
			(file) => file.fileName === detail.Name && file.size === detail.Size,
		);
		if (index < 0) {
			const sameName = unclaimed.find((file) => file.fileName === detail.Name);
			throw new EmulatorHttpError(
				400,
				sameName
					? `AttachedFileDetails Size ${detail.Size} for "${detail.Name}" does not match the ${sameName.size} bytes uploaded`
					: `AttachedFileDetails names "${detail.Name}" but no file part has that name`,
			);
		}
		return unclaimed.splice(index, 1)[0];
	});
	if (unclaimed.length)
		throw new EmulatorHttpError(
			400,
			`File "${unclaimed[0].fileName}" is not described in MessageContents`,
		);
	return paired;
}

const same = (a: unknown, b: unknown) =>
	typeof a === 'string' &&
	typeof b === 'string' &&
	a.trim().toLowerCase() === b.trim().toLowerCase();

/** The documented matching rules; an unmatched party does not refuse the message. */
function matchClient(clients: Row[], client: Json | undefined) {
	if (!client) return { matched: false };
	const byId = clients.find((c) => same(c.clientId, client.Id));
	if (byId) return { matched: true, matchedBy: 'id', clientId: byId.clientId };
	const byName = clients.filter(
		(c) =>
			same(c.firstName, client.Firstname) &&
			same(c.lastName, client.Surname) &&
			String(c.dateOfBirth).slice(0, 10) === client.DateOfBirth,
	);
	return byName.length === 1
		? { matched: true, matchedBy: 'nameAndDateOfBirth', clientId: byName[0].clientId }
		: { matched: false };
}

function matchPractitioner(practitioners: Row[], to: Json | undefined) {
	if (!to) return { matched: false };
	const byId = practitioners.find((p) => same(p.practitionerId, to.Id));
	if (byId) return { matched: true, matchedBy: 'id', practitionerId: byId.practitionerId };
	const byName = practitioners.filter(
		(p) => same(p.firstName, to.Firstname) && same(p.lastName, to.Surname),
	);
	return byName.length === 1
		? { matched: true, matchedBy: 'name', practitionerId: byName[0].practitionerId }
		: { matched: false };
}

function matchReferrer(referrers: Row[], from: Json | undefined) {
	if (!from) return { matched: false };
	const found = referrers.find(
		(r) =>
			same(r.firstName, from.Firstname) &&
			same(r.lastName, from.Surname) &&
			same(r.providerNumber, from.ProviderNumber),
	);
	return found
		? { matched: true, matchedBy: 'nameAndProviderNumber', referrerId: found.referrerId }
		: { matched: false };
}

export const messageRoutes: Route[] = [
	{
		method: 'POST',
		pattern: 'message',
		permission: 'SEND_MESSAGE',
		deniedReason: 'Not authorized for sending messages',
		async handle({ headers, rawBody, bodyStream, data, shapes }) {
			// coreplus' sample upload declares its length; a chunked upload is refused here so the node must send one.
			if (headers['content-length'] === undefined)
				throw new EmulatorHttpError(400, 'Content-Length is required for the upload');
			const { fields, files } = await parseMultipart(headers, bodyStream ?? rawBody);
			const part = fields.get('messageData');
			if (!part) throw new EmulatorHttpError(400, 'The messageData part is required');
			let parsed: unknown;
			try {
				parsed = JSON.parse(part.value);
			} catch {
				throw new EmulatorHttpError(400, 'messageData is not valid JSON');
			}
			const messageData = jsonObject(parsed);
			onlyKnownFields(messageData, TOP_LEVEL_FIELDS, '');
			if (!messageData.Header || typeof messageData.Header !== 'object')
				throw new EmulatorHttpError(400, 'Header.SendingFacility is required');
			const header = messageData.Header as Json;
			onlyKnownFields(header, ['SendingFacility'], 'Header');
			const sendingFacility = within('Header', () =>
				bodyString(header, 'SendingFacility', { required: true }),
			)!;
			const stray = [...fields.keys()].find((name) => name !== 'messageData');
			if (stray)
				throw new EmulatorHttpError(
					400,
					`Part "${stray}" is not a file (it has no filename) and is not messageData`,
				);

			const client = section(messageData, 'Client');
			if (client) {
				within('Client', () => bodyDate(client, 'DateOfBirth'));
				within('Client', () => bodyEnum(client, 'Gender', MESSAGE_GENDERS));
				within('Client', () => bodyEnum(client, 'MaritalStatus', MESSAGE_MARITAL_STATUSES));
			}
			const practitionerFrom = section(messageData, 'PractitionerFrom');
			const practitionerTo = section(messageData, 'PractitionerTo');
			const uploads = pairFiles(attachedFileDetails(messageData), files);

			const stored = {
				messageId: randomUUID(),
				receivedAt: new Date().toISOString(),
				sendingFacility,
				messageData,
				files: uploads.map((file) => ({
					field: file.field,
					name: file.fileName,
					mimeType: file.mimeType,
					size: file.size,
					sha256: file.sha256,
					content: file.content,
				})),
				client: matchClient(data.clients, client),
				practitionerTo: matchPractitioner(data.practitioners, practitionerTo),
				practitionerFrom: matchReferrer(data.referrers, practitionerFrom),
			};
			data.messages.push(stored);
			// A status-only answer, the one a live server accepted an upload with.
			if (shapes.current.messageAnswer === 'statusOnly')
				return { body: { result: [], statusMessages: [] } };
			// Inferred answer: coreplus' page lost its response sample; it follows the create endpoints' `{ "<singular>": {...} }` envelope.
			return {
				body: {
					message: {
						messageId: stored.messageId,
						sendingFacility,
						files: stored.files.map(({ name, size }) => ({ name, size })),
						client: stored.client,
						practitionerTo: stored.practitionerTo,
						practitionerFrom: stored.practitionerFrom,
					},
				},
			};
		},
	},
];
