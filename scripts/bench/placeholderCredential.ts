import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { readCredentials } from '../../nodes/Coreplus/transport/credentials';
import { prepareRequest, signRequestToken } from '../../nodes/Coreplus/transport/signing';

/**
 * The benchmark's "without signing" side: the coreplus credential with the same fields and the same
 * `authenticate` path (URL resolution, header rewrite in signRequest), except that the JWT is
 * signed once and then reused, so the Authorization header has the same size but costs nothing.
 * Registered only in the bench (via the test credentials helper), never in the package.
 */
export class CoreplusPlaceholderApi extends CoreplusApi {
	name = 'coreplusPlaceholderApi';

	displayName = 'coreplus API (benchmark: fixed token, no signing)';

	private placeholder?: string;

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// The same preparation as the real credential (URL, origin check, headers); only the token is reused.
		const coreplus = readCredentials(credentials);
		const prepared = prepareRequest(coreplus, requestOptions);
		this.placeholder ??= signRequestToken(coreplus, prepared.url, prepared.method ?? 'GET');
		return {
			...prepared,
			headers: { ...prepared.headers, Authorization: `JwToken ${this.placeholder}` },
		};
	}
}
