import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkString, invalidParameter, readString } from '../validation/validation';
import { readBinaryContent, type BinaryContent } from './binaryFile';

export interface MessageFile extends BinaryContent {
	binaryProperty: string;
	/** Sent as the part's filename and as AttachedFileDetails.Name; coreplus pairs them. */
	fileName: string;
	mimeType: string;
}

const BINARY_PROPERTIES = 'Binary Properties';
const FILE_NAMES = 'File Names';

/** The binary property names chosen for this item, checked against what the item carries. */
function chosenProperties(
	context: IExecuteFunctions,
	itemIndex: number,
	available: string[],
): string[] {
	if (context.getNodeParameter('allBinaryProperties', itemIndex, false) as boolean) {
		if (!available.length) {
			throw invalidParameter(
				context,
				itemIndex,
				'All Binary Properties',
				'the item has no binary data',
				'an input item carrying at least one file, e.g. from Read/Write Files from Disk or an email trigger',
			);
		}
		return available;
	}
	const text = readString(context, 'binaryProperties', itemIndex, {
		label: BINARY_PROPERTIES,
		required: true,
	})!;
	const names = [
		...new Set(
			text
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean),
		),
	];
	for (const name of names) {
		if (!available.includes(name)) {
			throw invalidParameter(
				context,
				itemIndex,
				BINARY_PROPERTIES,
				`the item has no binary property "${name}"`,
				available.length
					? `binary properties of this item: ${available.join(', ')}`
					: 'the previous node must output a file (this item has no binary data)',
			);
		}
	}
	return names;
}

/**
 * A name goes into the part's Content-Disposition header and AttachedFileDetails.Name: a line
 * break would break the header, a slash or backslash makes it a path. Checked whether the name was
 * typed under File Names or came with the binary data (e.g. an email attachment's name).
 */
function checkFileName(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	binaryProperty: string,
): string {
	if (!name.trim()) {
		throw invalidParameter(
			context,
			itemIndex,
			FILE_NAMES,
			`the file in binary property "${binaryProperty}" has an empty name`,
			'a plain file name such as referral.pdf (set one under Options → File Names)',
		);
	}
	if (/[\\/\r\n]/.test(name)) {
		throw invalidParameter(
			context,
			itemIndex,
			FILE_NAMES,
			`the name ${JSON.stringify(name)} of binary property "${binaryProperty}" contains a slash, a backslash or a line break`,
			'a plain file name such as referral.pdf (set one under Options → File Names)',
		);
	}
	return name;
}

/** Options → File Names: `{ files: [{ binaryProperty, fileName }] }`. */
function fileNameOverrides(
	context: IExecuteFunctions,
	itemIndex: number,
	chosen: string[],
): Map<string, string> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const rows = ((options.fileNames as IDataObject | undefined)?.files ?? []) as IDataObject[];
	const overrides = new Map<string, string>();
	for (const row of rows) {
		const property = checkString(context, itemIndex, row.binaryProperty, {
			label: `${FILE_NAMES} → Binary Property`,
			required: true,
		})!;
		if (!chosen.includes(property)) {
			throw invalidParameter(
				context,
				itemIndex,
				FILE_NAMES,
				`"${property}" is not one of the files being sent`,
				chosen.join(', '),
			);
		}
		const name = checkString(context, itemIndex, row.fileName, {
			label: `${FILE_NAMES} → File Name`,
			required: true,
		})!;
		overrides.set(property, checkFileName(context, itemIndex, name, property));
	}
	return overrides;
}

/**
 * Everything about the item's files that must be right before anything is sent: each chosen
 * property exists, has a name and at least one byte, and no two files share a name (coreplus
 * pairs each upload with its AttachedFileDetails entry by name and size).
 */
export async function collectMessageFiles(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<MessageFile[]> {
	const binary = context.getInputData()[itemIndex]?.binary ?? {};
	const chosen = chosenProperties(context, itemIndex, Object.keys(binary));
	const overrides = fileNameOverrides(context, itemIndex, chosen);
	const files: MessageFile[] = [];
	for (const binaryProperty of chosen) {
		const data = binary[binaryProperty];
		const fileName =
			overrides.get(binaryProperty) ??
			checkFileName(
				context,
				itemIndex,
				data.fileName ?? `${binaryProperty}${data.fileExtension ? `.${data.fileExtension}` : ''}`,
				binaryProperty,
			);
		const content = await readBinaryContent(context, itemIndex, binaryProperty, data);
		if (content.size === 0) {
			throw invalidParameter(
				context,
				itemIndex,
				BINARY_PROPERTIES,
				`the file "${fileName}" in binary property "${binaryProperty}" is empty (0 bytes)`,
				'files with content; coreplus needs each attachment and its real size',
			);
		}
		const twin = files.find((file) => file.fileName === fileName);
		if (twin) {
			throw invalidParameter(
				context,
				itemIndex,
				FILE_NAMES,
				`binary properties "${twin.binaryProperty}" and "${binaryProperty}" are both named "${fileName}"`,
				'a different file name for each file (Options → File Names)',
			);
		}
		files.push({
			...content,
			binaryProperty,
			fileName,
			mimeType: data.mimeType?.replace(/[\r\n]/g, '') || 'application/octet-stream',
		});
	}
	return files;
}
