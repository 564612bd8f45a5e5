import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { readCredentials } from '../transport/credentials';
import { credentialTestContext } from '../transport/credentialTestContext';
import { LISTS } from '../transport/endpoints';
import { redactSecrets } from '../transport/redact';
import { coreplusRequest } from '../transport/request';

/**
 * The credential's "Test" button: a one-row location list through the same request path as every
 * other request. It runs here rather than as a declarative test so that the user sees coreplus'
 * own reason text and a hint, not a bare status code.
 */
export async function coreplusApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		await coreplusRequest(credentialTestContext(this, data), {
			method: 'GET',
			endpoint: LISTS.location.path,
			query: { pageNumber: 1, pageSize: 1 },
			maxRetries: 1,
			timeoutMs: 20_000,
		});
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string | null };
		const text = description
			? `${message ?? String(error)}. ${description}`
			: (message ?? String(error));
		return { status: 'Error', message: redactSecrets(text, readCredentials(data)) };
	}
}
