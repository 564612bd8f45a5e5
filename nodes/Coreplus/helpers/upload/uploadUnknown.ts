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
		reason: string;
		files: UploadFile[];
		uploaded: IDataObject[];
	},
): NodeOperationError {
	const { file, clientId, reason, files, uploaded } = lost;
	const stored = uploaded.map((row) => `"${String(row.fileName)}"`);
	const unsent = files.slice(files.indexOf(file) + 1).map((other) => `"${other.fileName}"`);
	return new NodeOperationError(
		context.getNode(),
		`Outcome unknown, check the client's files: whether "${file.fileName}" was stored for client ${clientId} is unknown (${reason})`,
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

/** A message upload whose answer was lost: coreplus may have stored it; it is never sent again. */
export function messageUploadUnknown(
	context: IExecuteFunctions,
	itemIndex: number,
	files: UploadFile[],
	reason: string,
): NodeOperationError {
	const names = files.map((file) => `"${file.fileName}"`).join(', ');
	return new NodeOperationError(
		context.getNode(),
		`Outcome unknown, check the messages in coreplus: whether the message with ${names} was stored is unknown (${reason})`,
		{
			itemIndex,
			description:
				'coreplus may or may not have stored the message; it was not sent again, to avoid a second copy. Look for it in coreplus before running this again.',
		},
	);
}
