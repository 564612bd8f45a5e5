import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WRITES } from '../../transport/endpoints';
import { requestOptions } from '../../helpers/parameters/parameters';
import type { OperationDefinition } from '../types';
import { buildMessageData } from '../../helpers/message/messageData';
import { collectUploadFiles } from '../../helpers/upload/uploadFiles';
import { sendUpload } from '../../helpers/upload/sendUpload';
import { uploadOnce } from '../../helpers/upload/uploadOnce';
import { messageUploadUnknown } from '../../helpers/upload/uploadUnknown';
import { sendMessageProperties } from './send.properties';

// The file parts' field name in coreplus' sample (`name=file`).
const FILE_FIELD = 'file';

// developers.coreplus.com.au/api/api-end-points/message/: POST Message/ (multipart upload).
export const sendMessage: OperationDefinition = {
	value: 'send',
	name: 'Send',
	action: 'Send files as a message',
	description:
		'Upload files from the input item into coreplus as a message, filed against a client and practitioner when they match',
	properties: [...sendMessageProperties, requestOptions],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		// Everything is checked before the first byte is sent.
		const files = await collectUploadFiles(this, itemIndex, FILE_FIELD);
		const messageData = buildMessageData(this, itemIndex, files);
		// File parts first, then `messageData`, in the order of coreplus' sample.
		// The message data names the client and every file with its size: what is uploaded.
		const key = [WRITES.sendMessage.path, messageData];
		const outcome = await uploadOnce(
			this,
			itemIndex,
			key,
			async () =>
				await sendUpload(this, itemIndex, WRITES.sendMessage, [
					...files.map((file) => ({ field: FILE_FIELD, file })),
					{
						field: 'messageData',
						text: JSON.stringify(messageData),
						contentType: 'text/plain; charset=utf-8',
					},
				]),
			(reason) => messageUploadUnknown(this, itemIndex, files, reason),
		);
		const answer = outcome.alreadyStored ? undefined : outcome.answer;

		// coreplus documents no response body (docs/coreplus-api.md#message): any 2xx is a delivered
		// message, and its answer is passed on as is (an error here would invite a second send).
		const response =
			answer && typeof answer === 'object' && !Array.isArray(answer)
				? (answer as IDataObject)
				: { response: answer ?? null };
		return {
			...response,
			// Stored by an earlier attempt of this execution (Retry On Fail): not sent again.
			...(outcome.alreadyStored ? { alreadyStored: true } : {}),
			sentFiles: files.map(({ binaryProperty, fileName, mimeType, size }) => ({
				binaryProperty,
				fileName,
				mimeType,
				size,
			})),
		};
	},
};
