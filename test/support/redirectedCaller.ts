import { NodeConnectionTypes, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

/** Calls one of n8n's authenticated helpers the way a generic node does, with its defaults for redirects. */
export const redirectedCaller: INodeType = {
	description: {
		displayName: 'Redirected caller',
		name: 'redirectedCaller',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Redirected caller' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coreplusApi', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Helper', name: 'helper', type: 'string', default: 'modern' },
		],
	},
	async execute(this: IExecuteFunctions) {
		const url = this.getNodeParameter('url', 0) as string;
		const helper = this.getNodeParameter('helper', 0) as string;
		const answer =
			helper === 'modern'
				? await this.helpers.httpRequestWithAuthentication.call(this, 'coreplusApi', {
						method: 'GET',
						url,
						json: true,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						// What the HTTP Request node asks for by default.
						maxRedirects: 21,
						sendCredentialsOnCrossOriginRedirect: true,
					})
				: await this.helpers.requestWithAuthentication.call(this, 'coreplusApi', {
						method: 'GET',
						uri: url,
						json: true,
						simple: false,
						resolveWithFullResponse: true,
						followRedirect: true,
						followAllRedirects: true,
						maxRedirects: 21,
						sendCredentialsOnCrossOriginRedirect: true,
					});
		const { statusCode, body } = answer as { statusCode: number; body: unknown };
		return [[{ json: { statusCode, body: body as never } }]];
	},
};
