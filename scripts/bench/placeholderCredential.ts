import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { readCredentials } from '../../nodes/Coreplus/transport/credentials';
import {
	prepareRequest,
	signRequestToken,
	withToken,
} from '../../nodes/Coreplus/transport/signing';

/**
 * The benchmark's "without signing" side: the coreplus credential with the same fields and the same
 * request preparation (URL resolution, header rewrite, redirects refused), except that the JWT is
 * signed once and then reused (the Authorization header has the same size but costs nothing) and
 * the rate limiter's bookkeeping is skipped: the difference is what signing adds per request.
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
		// The same preparation and wire form as the real credential (URL, origin check, headers,
		// redirects refused); only the token is reused and the rate limiter is not told.
		const coreplus = readCredentials(credentials);
		const prepared = prepareRequest(coreplus, requestOptions);
		this.placeholder ??= signRequestToken(coreplus, prepared.url, prepared.method ?? 'GET');
		return withToken(prepared, this.placeholder);
	}
}
