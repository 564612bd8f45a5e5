import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeProperties,
} from 'n8n-workflow';

import { CoreplusApi } from '../credentials/CoreplusApi.credentials';

/**
 * Hands n8n's engine the decrypted credential data and calls our credential type's real
 * `authenticate`, exactly as n8n's own credentials helper does, so requests are signed for real.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types: Record<string, ICredentialType>;

	/** `extraTypes`: more credential types by name (the benchmark's unsigned twin of coreplusApi). */
	constructor(
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		extraTypes: Record<string, ICredentialType> = {},
	) {
		super();
		this.types = { coreplusApi: new CoreplusApi(), ...extraTypes };
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	) {
		const type = this.types[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		return await type.authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		// A copy, as n8n hands each request freshly decrypted data.
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
