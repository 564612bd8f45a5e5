import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { readCredentials } from './credentials';
import type { CoreplusContext } from './request';
import { signRequest } from './signing';

/**
 * Lets the credential's Test button use the one request path (coreplusRequest: same signing, same
 * limiter, same retries, redirects refused and reported). n8n gives a credential test only the
 * legacy `request` helper (n8n-workflow 2.41 ICredentialTestFunctions), so this signs the request
 * itself and sends it with redirects switched off (`followRedirect`/`followAllRedirects: false`
 * make n8n's client use maxRedirects 0; it would otherwise follow a GET redirect and re-attach the
 * signed token for the other host).
 *
 * That helper takes no abort signal, so the answer is asked for as a stream (`useStream`) and read
 * here: when the attempt's deadline passes the stream is destroyed, which closes the socket (a
 * server trickling bytes would otherwise keep it open after the Test gave up).
 */
export function credentialTestContext(
	functions: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
): CoreplusContext {
	const node: INode = {
		id: 'coreplus-credential-test',
		name: 'coreplus credential test',
		type: 'n8n-nodes-coreplus.coreplus',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const send = async (_type: string, options: IHttpRequestOptions) => {
		const signed = signRequest(readCredentials(data), options);
		const response = (await functions.helpers.request({
			method: signed.method,
			uri: signed.url,
			headers: signed.headers,
			body: signed.body,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			timeout: signed.timeout,
			useStream: true,
		})) as { statusCode: number; headers: IDataObject; body: unknown };
		const body = await readBody(response.body, options.abortSignal as AbortSignal | undefined);
		return { statusCode: response.statusCode, headers: response.headers, body };
	};
	return {
		getNode: () => node,
		getCredentials: async () => data,
		helpers: {
			httpRequestWithAuthentication:
				send as CoreplusContext['helpers']['httpRequestWithAuthentication'],
		},
	};
}

/** The answer stream n8n's client hands over with `useStream` (a Node.js readable). */
interface AnswerStream extends AsyncIterable<Uint8Array> {
	pipe: unknown;
	destroy(error?: Error): void;
}

function isStream(body: unknown): body is AnswerStream {
	return typeof (body as AnswerStream | undefined)?.pipe === 'function';
}

/** JSON when the text is JSON (as n8n's client parses it), else the text; nothing for no body. */
function parsed(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** The whole answer, or a rejection when `signal` aborts first (the stream, and its socket, closed). */
async function readBody(body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
	if (!isStream(body)) return typeof body === 'string' ? parsed(body) : body;
	const onAbort = () => body.destroy(new Error('The answer did not complete in time'));
	if (signal?.aborted) onAbort();
	else signal?.addEventListener('abort', onAbort, { once: true });
	try {
		const chunks: Buffer[] = [];
		for await (const chunk of body) chunks.push(Buffer.from(chunk));
		return parsed(Buffer.concat(chunks).toString('utf8'));
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
}
