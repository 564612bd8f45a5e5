import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { MAX_SHARED_BY, readCredentials } from '../nodes/Coreplus/transport/credentials';
import { limiterFor } from '../nodes/Coreplus/transport/rateLimiter';
import { signRequest } from '../nodes/Coreplus/transport/signing';
import { SANDBOX_API_URL, SANDBOX_COREPLUSPM_API_URL } from '../nodes/Coreplus/transport/url';

export class CoreplusApi implements ICredentialType {
	name = 'coreplusApi';

	displayName = 'Coreplus API';

	icon = { light: 'file:coreplus.svg', dark: 'file:coreplus.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-coreplus#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (Customer API URL)', value: 'production' },
				{ name: 'Sandbox (coreplus.com.au)', value: 'sandbox', description: SANDBOX_API_URL },
				{
					name: 'Sandbox (corepluspm.com)',
					value: 'sandboxCorepluspm',
					description: SANDBOX_COREPLUSPM_API_URL,
				},
			],
			default: 'production',
			description:
				'Sandbox and production have different consumer IDs, secrets and access tokens. The two sandbox choices are two names of the same coreplus sandbox.',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			placeholder: 'https://yourpractice.coreplus.com.au',
			description:
				'The API URL shown in the add-on application settings in coreplus. Must be https:// (http:// is accepted only for localhost, e.g. the bundled emulator).',
			displayOptions: { show: { environment: ['production'] } },
			required: true,
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v2',
			description: 'Version segment of the API path, e.g. v2 for /API/Core/v2/, or v2.1',
		},
		{
			displayName: 'Consumer ID',
			name: 'consumerId',
			type: 'string',
			default: '',
			required: true,
			description: 'Consumer ID of your add-on application (coreplus: Developer > Applications)',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Consumer Secret of your add-on application, used as is to sign every request',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Access token the practice gave your application when enabling the add-on',
		},
		{
			displayName: 'Issuer (Your Site URL)',
			name: 'issuer',
			type: 'string',
			default: 'https://n8n.io',
			description: 'Sent as the token\'s "iss" claim: the URL of the integrator\'s website',
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: 'https://coreplus.com.au',
			description: 'Sent as the token\'s "aud" claim',
		},
		{
			displayName: 'n8n Processes Sharing This Consumer',
			name: 'sharedBy',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_SHARED_BY },
			default: 1,
			description:
				"How many n8n processes run coreplus nodes with this Consumer ID at once (queue mode: the main plus the workers that do). Each paces itself to coreplus' 10 requests per second divided by this number, so they never run into coreplus' limit. Leave 1 for a single n8n; it then finds its share from coreplus' 429 answers.",
		},
	];

	/** n8n calls this before every request, so each request gets its own freshly signed token. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const coreplus = readCredentials(credentials);
		// While coreplus has asked this consumer to wait (429), nothing is sent, whoever sends it; the
		// wait ends with the request's own abort signal (cancellation, our attempt's Timeout).
		const limiter = limiterFor(coreplus.apiUrl, coreplus.consumerId, coreplus.sharedBy);
		await limiter.untilResumed(requestOptions.abortSignal as AbortSignal | undefined);
		return signRequest(coreplus, requestOptions);
	}

	// No declarative `test` here: n8n (2.41 CredentialsTester) prefers it over the node's
	// `testedBy: 'coreplusApiTest'`, and a declarative test can only say "Unauthorized". The node's
	// test shows coreplus' own reason text (found by the browser test, test/browser/run.ts).
}
