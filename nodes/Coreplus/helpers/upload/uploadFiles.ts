import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkString, invalidParameter, readString } from '../validation/validation';
import { readBinaryContent, type UploadFile } from './binaryFile';
import { fileNameProblem } from './fileNameRules';

export type { UploadFile } from './binaryFile';

const BINARY_PROPERTIES = 'Binary Properties';
const FILE_NAMES = 'File Names';
const PLAIN_NAME = 'a plain file name such as referral.pdf (set one under Options → File Names)';

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
	const missing = names.find((name) => !available.includes(name));
	if (missing !== undefined) {
		throw invalidParameter(
			context,
			itemIndex,
			BINARY_PROPERTIES,
			`the item has no binary property "${missing}"`,
			available.length
				? `binary properties of this item: ${available.join(', ')}`
				: 'the previous node must output a file (this item has no binary data)',
		);
	}
	return names;
}

/** How the files of one upload are named on the wire: the file part's field and each file's type. */
interface NameContext {
	field: string;
	binaryProperty: string;
	mimeType: string;
}

/**
 * A name goes into the part's Content-Disposition header and the JSON part, and coreplus files the
 * upload under it: one it would refuse or read as another name is refused here, before anything is
 * sent, whether it was typed under File Names or came with the binary data (an email attachment's).
 */
function checkFileName(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	{ field, binaryProperty, mimeType }: NameContext,
): string {
	const problem = fileNameProblem(name, field, mimeType);
	if (problem === undefined) return name;
	const shown =
		name.length > 80
			? `${JSON.stringify(name.slice(0, 60))}… (${name.length} characters)`
			: JSON.stringify(name);
	throw invalidParameter(
		context,
		itemIndex,
		FILE_NAMES,
		`the name ${shown} of the file in binary property "${binaryProperty}" cannot be sent: ${problem}`,
		PLAIN_NAME,
	);
}

/** Options → File Names: `{ files: [{ binaryProperty, fileName }] }`, as typed (checked with the file). */
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
		overrides.set(property, name);
	}
	return overrides;
}

/** One binary property as a file ready to upload: named, type set, size read, not empty. */
async function uploadFileOf(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryProperty: string,
	override: string | undefined,
	field: string,
): Promise<UploadFile> {
	const data = context.getInputData()[itemIndex].binary![binaryProperty];
	const mimeType = data.mimeType?.replace(/[\r\n]/g, '') || 'application/octet-stream';
	const given =
		override ??
		data.fileName ??
		`${binaryProperty}${data.fileExtension ? `.${data.fileExtension}` : ''}`;
	const fileName = checkFileName(context, itemIndex, given, { field, binaryProperty, mimeType });
	const content = await readBinaryContent(context, itemIndex, binaryProperty, data);
	if (content.size === 0) {
		throw invalidParameter(
			context,
			itemIndex,
			BINARY_PROPERTIES,
			`the file "${fileName}" in binary property "${binaryProperty}" is empty (0 bytes)`,
			'files with content; coreplus needs each file and its real size',
		);
	}
	return { ...content, binaryProperty, fileName, mimeType };
}

/**
 * Everything about the item's files that must be right before anything is sent (Message → Send,
 * Client File → Upload): each chosen property exists, has a name coreplus reads as sent and at
 * least one byte, and no two files share a name (coreplus pairs an upload with its description by
 * name). `field` is the file part's name, which the header length depends on.
 */
export async function collectUploadFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
): Promise<UploadFile[]> {
	const binary = context.getInputData()[itemIndex]?.binary ?? {};
	const chosen = chosenProperties(context, itemIndex, Object.keys(binary));
	const overrides = fileNameOverrides(context, itemIndex, chosen);
	const files: UploadFile[] = [];
	for (const binaryProperty of chosen) {
		const file = await uploadFileOf(
			context,
			itemIndex,
			binaryProperty,
			overrides.get(binaryProperty),
			field,
		);
		const twin = files.find((other) => other.fileName === file.fileName);
		if (twin) {
			throw invalidParameter(
				context,
				itemIndex,
				FILE_NAMES,
				`binary properties "${twin.binaryProperty}" and "${binaryProperty}" are both named "${file.fileName}"`,
				'a different file name for each file (Options → File Names)',
			);
		}
		files.push(file);
	}
	return files;
}
