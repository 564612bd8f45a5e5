import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SANDBOX_API_URL, SANDBOX_COREPLUSPM_API_URL } from './url';

/** The Environment choices that name a fixed host: both names of coreplus' sandbox. */
const SANDBOX_URLS: Record<string, string> = {
	sandbox: SANDBOX_API_URL,
	sandboxCorepluspm: SANDBOX_COREPLUSPM_API_URL,
};

/** n8n's name of the coreplus credential type (credentials/CoreplusApi.credentials.ts). */
export const COREPLUS_CREDENTIAL_TYPE = 'coreplusApi';

/** The most processes a consumer's 10 requests a second can be shared by (1 each per second). */
export const MAX_SHARED_BY = 10;

/** The coreplus credential as the transport uses it. */
export interface CoreplusCredentials {
	apiUrl: string;
	apiVersion: string;
	consumerId: string;
	consumerSecret: string;
	accessToken: string;
	issuer: string;
	audience: string;
	/** How many n8n processes declared to share the consumer; NaN when the setting is not a whole number from 1 to MAX_SHARED_BY. */
	sharedBy: number;
}

/** Reads the stored credential, resolving the environment choice to a concrete API URL. */
export function readCredentials(data: ICredentialDataDecryptedObject): CoreplusCredentials {
	const text = (key: string, fallback = '') => String(data[key] ?? fallback).trim();
	return {
		apiUrl: SANDBOX_URLS[String(data.environment)] ?? text('apiUrl'),
		apiVersion: text('apiVersion', 'v2'),
		consumerId: text('consumerId'),
		// Used exactly as given: coreplus does not base64-decode it.
		consumerSecret: String(data.consumerSecret ?? ''),
		accessToken: text('accessToken'),
		issuer: text('issuer', 'https://n8n.io') || 'https://n8n.io',
		audience: text('audience', 'https://coreplus.com.au') || 'https://coreplus.com.au',
		sharedBy: sharedByOf(data.sharedBy),
	};
}

/** Credentials saved before the setting existed have none: alone (1). */
function sharedByOf(value: unknown): number {
	if (value === undefined || value === null || value === '') return 1;
	const count = Number(value);
	return Number.isInteger(count) && count >= 1 && count <= MAX_SHARED_BY ? count : NaN;
}

export function missingCredentialFields(credentials: CoreplusCredentials): string[] {
	const labels: Array<[keyof CoreplusCredentials, string]> = [
		['apiUrl', 'API URL'],
		['consumerId', 'Consumer ID'],
		['consumerSecret', 'Consumer Secret'],
		['accessToken', 'Access Token'],
	];
	return labels.filter(([key]) => !credentials[key]).map(([, label]) => label);
}

/** A setting that is filled in but not allowed, named with what is allowed; undefined when all are fine. */
export function invalidCredentialSetting(credentials: CoreplusCredentials): string | undefined {
	if (Number.isNaN(credentials.sharedBy))
		return `n8n Processes Sharing This Consumer must be a whole number from 1 to ${MAX_SHARED_BY}`;
	return undefined;
}
