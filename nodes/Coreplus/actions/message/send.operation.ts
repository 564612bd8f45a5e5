import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WRITES, sendWrite } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import { readRequestOptions, requestOptions } from '../../helpers/parameters/parameters';
import type { OperationDefinition } from '../types';
import { collectMessageFiles } from '../../helpers/message/files';
import { buildMessageData } from '../../helpers/message/messageData';
import { buildMultipartBody, type MultipartBody } from '../../helpers/message/multipartBody';
import { sendMessageProperties } from './send.properties';

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
		const files = await collectMessageFiles(this, itemIndex);
		const messageData = buildMessageData(this, itemIndex, files);
		// The first body is built before sending (its exact length is the Content-Length); after a 429
		// the transport asks for another, built afresh from the same files, since a sent stream is spent.
		// Every body of this call has the same length: form-data's boundaries all have the same size.
		const first = await buildMultipartBody(files, messageData);
		const opened = [...first.streams];
		let unsent: MultipartBody['form'] | undefined = first.form;
		const body = async () => {
			if (unsent) {
				const form = unsent;
				unsent = undefined;
				return form;
			}
			const next = await buildMultipartBody(files, messageData);
			opened.push(...next.streams);
			return next.form;
		};
		let answer: unknown;
		try {
			answer = await sendWrite(this, WRITES.sendMessage, {
				body,
				// The multipart content type (with its boundary) replaces application/json in signRequest.
				headers: { 'content-length': String(first.length) },
				itemIndex,
				notice: noticeFor(this),
				...readRequestOptions(this, itemIndex),
			});
		} finally {
			for (const stream of opened) stream.destroy();
		}

		// coreplus documents no response body (docs/coreplus-api.md#message): any 2xx is a delivered
		// message, and its answer is passed on as is (an error here would invite a second send).
		const response =
			answer && typeof answer === 'object' && !Array.isArray(answer)
				? (answer as IDataObject)
				: { response: answer ?? null };
		return {
			...response,
			sentFiles: files.map(({ binaryProperty, fileName, mimeType, size }) => ({
				binaryProperty,
				fileName,
				mimeType,
				size,
			})),
		};
	},
};
