import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeType,
} from 'n8n-workflow';

/** Calls both of n8n's authenticated helpers for every input item, the way a generic node does. */
export const wireCaller: INodeType = {
	description: {
		displayName: 'Wire caller',
		name: 'wireCaller',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Wire caller' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coreplusApi', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const out = [];
		for (const item of this.getInputData()) {
			const { url, qs, baseURL, arrayFormat } = item.json as {
				url: string;
				qs?: IDataObject;
				baseURL?: string;
				arrayFormat?: 'indices' | 'brackets' | 'repeat';
			};
			const modern = (await this.helpers.httpRequestWithAuthentication.call(this, 'coreplusApi', {
				method: 'GET',
				url,
				baseURL,
				qs,
				arrayFormat,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number };
			const legacy = (await this.helpers.requestWithAuthentication.call(this, 'coreplusApi', {
				method: 'GET',
				uri: url,
				baseURL,
				qs,
				qsStringifyOptions: arrayFormat ? { arrayFormat } : undefined,
				json: true,
				simple: false,
				resolveWithFullResponse: true,
			})) as { statusCode: number };
			out.push({ json: { modern: modern.statusCode, legacy: legacy.statusCode } });
		}
		return [out];
	},
};
