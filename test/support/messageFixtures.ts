import { createHash } from 'node:crypto';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import type { CoreplusEmulator } from '../../emulator/server';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface TestFile {
	fileName: string;
	mimeType: string;
	bytes: Buffer;
}

/** A binary property as n8n keeps it in memory mode (base64 in the item). */
export function inMemory({ fileName, mimeType, bytes }: TestFile): IBinaryData {
	const dot = fileName.lastIndexOf('.');
	return {
		data: bytes.toString('base64'),
		mimeType,
		fileName,
		fileExtension: dot > 0 ? fileName.slice(dot + 1) : undefined,
	};
}

/** An input item carrying the given files under the given binary property names. */
export function itemWith(files: Record<string, TestFile>): INodeExecutionData {
	return {
		json: {},
		binary: Object.fromEntries(Object.entries(files).map(([key, file]) => [key, inMemory(file)])),
	};
}

// Three small files of different types (bytes made up; content type is what n8n says it is).
export const PDF: TestFile = {
	fileName: 'referral.pdf',
	mimeType: 'application/pdf',
	bytes: Buffer.from('%PDF-1.4\n% referral letter for Harriet\n%%EOF\n'),
};
export const PNG: TestFile = {
	fileName: 'wound-photo.png',
	mimeType: 'image/png',
	bytes: Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)),
	]),
};
export const TXT: TestFile = {
	fileName: 'consent.txt',
	mimeType: 'text/plain',
	bytes: Buffer.from('I consent to my records being shared. — Zoë\n', 'utf8'),
};

export interface StoredFile {
	field: string;
	name: string;
	mimeType: string;
	size: number;
	sha256: string;
}

export interface StoredMessage {
	messageId: string;
	messageData: Record<string, unknown>;
	files: StoredFile[];
	client: { matched: boolean; clientId?: string; matchedBy?: string };
	practitionerTo: { matched: boolean; practitionerId?: string; matchedBy?: string };
	practitionerFrom: { matched: boolean; referrerId?: string; matchedBy?: string };
}

export const storedMessages = (emulator: CoreplusEmulator) =>
	emulator.data.messages as unknown as StoredMessage[];

/** A client the tests (and the example workflow) match by name and date of birth. */
export function addHarriet(emulator: CoreplusEmulator): string {
	const clientId = '9f3c1d2e-0000-4abc-8def-000000000001';
	if (!emulator.data.clients.some((c) => c.clientId === clientId)) {
		emulator.data.clients.push({
			clientId,
			title: 'Ms',
			firstName: 'Harriet',
			lastName: 'Example',
			dateOfBirth: '1984-05-07T00:00:00',
			gender: 'Female',
		});
	}
	return clientId;
}
