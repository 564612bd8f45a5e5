import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { readCredentials } from '../transport/credentials';
import { credentialTestContext } from '../transport/credentialTestContext';
import { LISTS, readPage } from '../transport/endpoints';
import { redactSecrets } from '../transport/redact';

/** How long the Test may take: one retry, each attempt bounded from sending to the last byte. */
export const CREDENTIAL_TEST_LIMITS = { maxRetries: 1, timeoutMs: 20_000 };

/**
 * The credential's "Test" button: a one-row location list read as every other read is (the one
 * request path, coreplus' refusal body and the envelope rule: a `result[]` refusal, an empty
 * answer or `{}` fail with the reason). It runs here rather than as a declarative test so that
 * the user sees coreplus' own reason text and a hint, not a bare status code.
 */
export async function coreplusApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testConnection(this, credential.data ?? {}, CREDENTIAL_TEST_LIMITS);
}

export async function testConnection(
	functions: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
	limits: typeof CREDENTIAL_TEST_LIMITS,
): Promise<INodeCredentialTestResult> {
	const notices: string[] = [];
	try {
		await readPage(credentialTestContext(functions, data), LISTS.location, 1, 1, {
			...limits,
			notice: (message) => notices.push(message),
		});
		// An answer read under another key still connects; the user is told what was adapted to.
		const message = ['Connection successful', ...notices].join('. ');
		return { status: 'OK', message: redactSecrets(message, readCredentials(data)) };
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string | null };
		const text = description
			? `${message ?? String(error)}. ${description}`
			: (message ?? String(error));
		return { status: 'Error', message: redactSecrets(text, readCredentials(data)) };
	}
}
