import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { LISTS } from '../transport/endpoints';
import { describeFailure, redactSecrets } from '../transport/errors';
import { limiterFor } from '../transport/rateLimiter';
import { missingCredentialFields, readCredentials, signRequest } from '../transport/signing';
import { apiRoot } from '../transport/url';

/**
 * The credential's "Test" button: a one-row location list, signed the same way as every other
 * request. It runs here rather than as a declarative test so that the user sees coreplus' own
 * reason text and a hint, not a bare status code.
 */
export async function coreplusApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data ?? {});
	const missing = missingCredentialFields(credentials);
	if (missing.length) return { status: 'Error', message: `Fill in ${missing.join(', ')}` };
	try {
		const url = `${apiRoot(credentials.apiUrl, credentials.apiVersion)}${LISTS.location.path}`;
		await limiterFor(credentials.apiUrl, credentials.consumerId).acquire();
		const signed = signRequest(credentials, { method: 'GET', url, qs: { pageNumber: 1, pageSize: 1 } });
		// ICredentialTestFunctions offers no httpRequest (n8n-workflow 2.41): `request` is the only
		// helper a custom credential test has, and only a custom test can show coreplus' reason text.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = (await this.helpers.request({
			method: 'GET',
			uri: signed.url,
			headers: signed.headers,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode < 400) return { status: 'OK', message: 'Connection successful' };
		const failure = describeFailure(response.statusCode, response.body, 'the test request');
		const message = failure.description ? `${failure.message}. ${failure.description}` : failure.message;
		return { status: 'Error', message: redactSecrets(message, credentials) };
	} catch (error) {
		const text = (error as IDataObject).message ?? String(error);
		return { status: 'Error', message: redactSecrets(`Could not reach coreplus: ${String(text)}`, credentials) };
	}
}
