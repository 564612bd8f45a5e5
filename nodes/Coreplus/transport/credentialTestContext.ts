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
		})) as { statusCode: number; headers: IDataObject; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
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
