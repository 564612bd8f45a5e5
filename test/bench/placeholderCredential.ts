import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { readCredentials, signRequest, signRequestToken } from '../../nodes/Coreplus/transport/signing';

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

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return signRequest(readCredentials(credentials), requestOptions, (...args) => (this.placeholder ??= signRequestToken(...args)));
	}
}
