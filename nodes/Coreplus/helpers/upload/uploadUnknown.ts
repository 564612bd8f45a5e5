import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { UploadFile } from './binaryFile';

/**
 * A file upload whose answer was lost: coreplus may have stored it. It is never sent again (a
 * second copy in a client's record), and the error says what to check and what this item already
 * stored or left unsent.
 */
export function fileUploadUnknown(
	context: IExecuteFunctions,
	itemIndex: number,
	lost: {
		file: UploadFile;
		clientId: string;
		error: unknown;
		files: UploadFile[];
		uploaded: IDataObject[];
	},
): NodeOperationError {
	const { file, clientId, error, files, uploaded } = lost;
	const stored = uploaded.map((row) => `"${String(row.fileName)}"`);
	const unsent = files.slice(files.indexOf(file) + 1).map((other) => `"${other.fileName}"`);
	return new NodeOperationError(
		context.getNode(),
		`Outcome unknown, check the client's files: whether "${file.fileName}" was stored for client ${clientId} is unknown (${(error as Error).message})`,
		{
			itemIndex,
			description: [
				"coreplus may or may not have stored the file; it was not sent again, to avoid a second copy. Look in the client's files in coreplus before running this again.",
				stored.length ? `Stored before it: ${stored.join(', ')}.` : '',
				unsent.length ? `Not sent: ${unsent.join(', ')}.` : '',
			]
				.filter(Boolean)
				.join(' '),
		},
	);
}
