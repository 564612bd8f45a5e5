import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WRITES } from '../../transport/endpoints';
import { requestOptions } from '../../helpers/parameters/parameters';
import { binaryFileProperties, fileNamesOption } from '../../helpers/parameters/binaryFiles';
import { clientPicker, readPickedId } from '../../helpers/parameters/pickers';
import { checkId } from '../../helpers/validation/validation';
import { collectUploadFiles, type UploadFile } from '../../helpers/upload/uploadFiles';
import { sendUpload } from '../../helpers/upload/sendUpload';
import { fileUploadUnknown } from '../../helpers/upload/uploadUnknown';
import { uploadOnce } from '../../helpers/upload/uploadOnce';
import type { OperationDefinition } from '../types';

// developers.coreplus.com.au/api/api-end-points/client-files/post-client-files-file-upload/: the
// parameter table names the file part `File` (its description says `file`).
const FILE_FIELD = 'File';

/** The `json` part, field by field as the page's table writes it; `size` is text there. */
function jsonPart(file: UploadFile, clientId: string, parentFolderId: string | undefined) {
	return {
		name: file.fileName,
		primaryDomainKey: clientId,
		size: String(file.size),
		entity: 'client',
		...(parentFolderId ? { parentFolderId } : {}),
		isFolder: false,
	};
}

export const uploadClientFile: OperationDefinition = {
	value: 'upload',
	name: 'Upload',
	action: "Upload files to a client's record",
	description:
		"Store files from the input item in a client's files in coreplus, one upload per file",
	properties: [
		clientPicker({ description: 'The client whose files receive the upload' }),
		...binaryFileProperties('upload'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				fileNamesOption,
				{
					displayName: 'Parent Folder ID',
					name: 'parentFolderId',
					type: 'string',
					default: '',
					description:
						"The ID of a folder in the client's files to store the files in; empty stores them at the top level",
				},
			],
		},
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		// Everything is checked before the first byte is sent.
		const clientId = readPickedId(this, 'clientId', itemIndex, 'Client')!;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const parentFolderId = checkId(
			this,
			itemIndex,
			options.parentFolderId,
			'Parent Folder ID',
			false,
		);
		const files = await collectUploadFiles(this, itemIndex, FILE_FIELD);
		const uploaded: IDataObject[] = [];
		for (const file of files) {
			const json = jsonPart(file, clientId, parentFolderId);
			const key = [WRITES.uploadClientFile.path, clientId, file.fileName, file.size];
			const outcome = await uploadOnce(
				this,
				itemIndex,
				key,
				async () =>
					await sendUpload(this, itemIndex, WRITES.uploadClientFile, [
						{ field: 'json', text: JSON.stringify(json), contentType: 'application/json' },
						{ field: FILE_FIELD, file },
					]),
				(reason) => fileUploadUnknown(this, itemIndex, { file, clientId, reason, files, uploaded }),
			);
			// No answer is documented: any 2xx without a refusal is the file stored, passed on as it came.
			uploaded.push({
				// Stored by an earlier attempt of this execution (Retry On Fail): not sent again.
				...(outcome.alreadyStored ? { uploaded: false, alreadyStored: true } : { uploaded: true }),
				clientId,
				fileName: file.fileName,
				size: file.size,
				mimeType: file.mimeType,
				binaryProperty: file.binaryProperty,
				...(parentFolderId ? { parentFolderId } : {}),
				// An empty body arrives as '' from n8n's HTTP helper.
				response: (outcome.alreadyStored || outcome.answer === ''
					? null
					: (outcome.answer ?? null)) as IDataObject,
			});
		}
		return uploaded;
	},
};
