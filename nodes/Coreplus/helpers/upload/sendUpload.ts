import type { IExecuteFunctions } from 'n8n-workflow';

import { sendWrite, type WRITES } from '../../transport/endpoints';
import { noticeFor } from '../output/notices';
import { readRequestOptions } from '../parameters/parameters';
import { buildMultipartBody, type MultipartBody, type UploadPart } from './multipartBody';

/**
 * Sends one multipart upload (Message, Client File) and returns coreplus' answer as it came. The
 * first body is built before sending (its exact length is the Content-Length); when the transport
 * may send again (a 429, or a connection that failed before the body's last byte left) it asks for
 * another, built afresh from the same parts, since a sent stream is spent. Every body of one call
 * has the same length: form-data's boundaries all have the same size.
 */
export async function sendUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: (typeof WRITES)[keyof typeof WRITES],
	parts: UploadPart[],
): Promise<unknown> {
	const options = readRequestOptions(context, itemIndex);
	const first = await buildMultipartBody(parts);
	const opened = [...first.streams];
	let unsent: MultipartBody['form'] | undefined = first.form;
	const body = async () => {
		if (unsent) {
			const form = unsent;
			unsent = undefined;
			return form;
		}
		const next = await buildMultipartBody(parts);
		opened.push(...next.streams);
		return next.form;
	};
	try {
		return await sendWrite(context, endpoint, {
			body,
			// The multipart content type (with its boundary) replaces application/json in signRequest.
			headers: { 'content-length': String(first.length) },
			itemIndex,
			// coreplus' informational `result[]` entries reach the user as a notice, never a failure.
			notice: noticeFor(context),
			...options,
		});
	} finally {
		for (const stream of opened) stream.destroy();
	}
}
