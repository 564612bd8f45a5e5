import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { noticeFor } from '../../nodes/Coreplus/helpers/output/notices';
import type { Notice } from '../../nodes/Coreplus/transport/envelope';
import type { CoreplusContext } from '../../nodes/Coreplus/transport/request';

/** One HTTP exchange as it happened on the wire. */
export interface Exchange {
	method: string;
	url: string;
	status: number;
	headers: Record<string, string>;
	body: unknown;
	/** Local clock (ms) half-way through the exchange, to compare with the server's `Date`. */
	localMidpoint: number;
}

export interface ProbeContext {
	context: CoreplusContext;
	exchanges: Exchange[];
	/** The node's notices (an answer read under another key), in order. */
	notices: string[];
	/** The `notice` the probe's reads pass their adaptations to: shown as the node shows them. */
	notice: Notice;
}

const NODE: INode = {
	id: 'conformance',
	name: 'coreplus conformance',
	type: 'n8n-nodes-coreplus.coreplus',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * A context for the node's own read path (`readPage`, `readRecord`: its transport, retries and
 * envelope rule) in which only n8n's HTTP helper is replaced: the request is signed by the
 * credential's own `authenticate` (as n8n does) and sent with fetch, so that every exchange's
 * status, headers and body can be reported.
 */
export function probeContext(credentials: ICredentialDataDecryptedObject): ProbeContext {
	const exchanges: Exchange[] = [];
	const notices: string[] = [];
	const credential = new CoreplusApi();
	const context = {
		getNode: () => NODE,
		getCredentials: async () => credentials,
		logger: { warn: (message: string) => notices.push(message) },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const signed = await credential.authenticate(credentials, options);
				const started = Date.now();
				const response = await fetch(String(signed.url), {
					method: signed.method ?? 'GET',
					headers: signed.headers as Record<string, string>,
					redirect: 'manual',
					signal: AbortSignal.timeout(options.timeout ?? 45_000),
				});
				const text = await response.text();
				let body: unknown = text;
				try {
					body = text ? JSON.parse(text) : undefined;
				} catch {
					// A body that is not JSON is passed on as text; the transport reports it.
				}
				const headers = Object.fromEntries(response.headers.entries());
				exchanges.push({
					method: signed.method ?? 'GET',
					url: String(signed.url),
					status: response.status,
					headers,
					body,
					localMidpoint: (started + Date.now()) / 2,
				});
				return { statusCode: response.status, headers: headers as IDataObject, body };
			},
		},
	};
	const coreplusContext = context as unknown as CoreplusContext;
	return { context: coreplusContext, exchanges, notices, notice: noticeFor(coreplusContext) };
}
