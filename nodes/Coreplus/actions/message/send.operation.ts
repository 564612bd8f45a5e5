import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RECORDS, readRecord } from '../../transport/endpoints';
import { readRequestOptions, requestOptions } from '../common';
import type { OperationDefinition } from '../types';
import { collectMessageFiles } from './files';
import { buildMessageData } from './messageData';
import { buildMultipartBody } from './multipartBody';
import { sendMessageProperties } from './send.properties';

// developers.coreplus.com.au/api/api-end-points/message/: POST Message/ (multipart upload).
export const sendMessage: OperationDefinition = {
	value: 'send',
	name: 'Send',
	action: 'Send files as a message',
	description: 'Upload files from the input item into coreplus as a message, filed against a client and practitioner when they match',
	properties: [...sendMessageProperties, requestOptions],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		// Everything is checked before the first byte is sent.
		const files = await collectMessageFiles(this, itemIndex);
		const messageData = buildMessageData(this, itemIndex, files);
		const { timeoutMs } = readRequestOptions(this, itemIndex);

		const { form, length, streams } = await buildMultipartBody(files, messageData);
		let answer: unknown;
		try {
			answer = { message: await readRecord(this, RECORDS.sendMessage, {
				body: form,
				// The multipart content type (with its boundary) replaces application/json in signRequest.
				headers: { 'content-length': String(length) },
				itemIndex,
				timeoutMs,
				// A multipart body is a single-use stream: a transport retry would send an already consumed
				// (empty) body. So the transport never retries this call; after a 429 the item fails with
				// coreplus' reason, and n8n's "Retry On Fail" re-runs the node, which builds a fresh body.
				maxRetries: 0,
			}) };
		} finally {
			for (const stream of streams) stream.destroy();
		}

		// coreplus documents no response body for this call (see README); its answer is passed on as is.
		const response = answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as IDataObject) : { response: answer ?? null };
		return {
			...response,
			sentFiles: files.map(({ binaryProperty, fileName, mimeType, size }) => ({ binaryProperty, fileName, mimeType, size })),
		};
	},
};
