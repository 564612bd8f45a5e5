import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type INodeType } from 'n8n-workflow';

/**
 * Baselines for the benchmark, run as nodes inside n8n's engine and signed by the same coreplus
 * credential (its `authenticate`), so the only difference from our node is the strategy measured.
 */
function benchNode(name: string, execute: INodeType['execute'], properties: INodeType['description']['properties'] = []): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: `Benchmark baseline: ${name}`,
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'coreplusApi', required: true }],
			properties,
		},
		execute,
	};
}

async function apiBase(context: IExecuteFunctions): Promise<string> {
	const credentials = await context.getCredentials('coreplusApi');
	return `${String(credentials.apiUrl).replace(/\/+$/, '')}/API/Core/${String(credentials.apiVersion || 'v2')}/`;
}

/**
 * Works like n8n's HTTP Request node with pagination "Update a parameter in each request"
 * (pageNumber = $pageCount + 1) and "complete when the response has fewer rows": one page per
 * round trip, the next request only after the previous answer.
 */
export const sequentialPager = benchNode('sequentialPager', async function (this: IExecuteFunctions) {
	const url = `${await apiBase(this)}Client/`;
	const rows: IDataObject[] = [];
	for (let pageNumber = 1; ; pageNumber++) {
		const page = (await this.helpers.httpRequestWithAuthentication.call(this, 'coreplusApi', {
			method: 'GET',
			url,
			qs: { pageNumber, pageSize: 100 },
			json: true,
		})) as { clients: IDataObject[] };
		rows.push(...page.clients);
		if (page.clients.length < 100) break;
	}
	return [rows.map((json) => ({ json }))];
});

/** Sends `count` GET requests one after another, signed by the credential or plain (same headers otherwise). */
export const requestLoop = benchNode('requestLoop', async function (this: IExecuteFunctions) {
	const signed = this.getNodeParameter('signed', 0) as boolean;
	const count = this.getNodeParameter('count', 0) as number;
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: `${await apiBase(this)}Location/`,
		qs: { pageNumber: 1, pageSize: 1 },
		json: true,
		headers: { 'content-type': 'application/json' },
	};
	const started = process.hrtime.bigint();
	for (let index = 0; index < count; index++) {
		if (signed) await this.helpers.httpRequestWithAuthentication.call(this, 'coreplusApi', { ...options });
		else await this.helpers.httpRequest({ ...options });
	}
	return [[{ json: { elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 } }]];
}, [
	{ displayName: 'Signed', name: 'signed', type: 'boolean', default: true },
	{ displayName: 'Count', name: 'count', type: 'number', default: 100 },
]);
