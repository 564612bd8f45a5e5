import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeType,
} from 'n8n-workflow';

/**
 * Baselines for the benchmark, run as nodes inside n8n's engine and signed by the same coreplus
 * credential (its `authenticate`), so the only difference from our node is the strategy measured.
 */
function benchNode(
	name: string,
	execute: INodeType['execute'],
	properties: INodeType['description']['properties'] = [],
	credentials: INodeType['description']['credentials'] = [{ name: 'coreplusApi', required: true }],
): INodeType {
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
			credentials,
			properties,
		},
		execute,
	};
}

async function apiBase(
	context: IExecuteFunctions,
	credentialType = 'coreplusApi',
): Promise<string> {
	const credentials = await context.getCredentials(credentialType);
	return `${String(credentials.apiUrl).replace(/\/+$/, '')}/API/Core/${String(credentials.apiVersion || 'v2')}/`;
}

/**
 * Works like n8n's HTTP Request node with pagination "Update a parameter in each request"
 * (pageNumber = $pageCount + 1) and "complete when the response has fewer rows": one page per
 * round trip, the next request only after the previous answer.
 */
export const sequentialPager = benchNode(
	'sequentialPager',
	async function (this: IExecuteFunctions) {
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
	},
);

/**
 * Sends `count` GET requests one after another through n8n's httpRequestWithAuthentication with the
 * chosen credential type: coreplusApi (a fresh JWT per request) or the bench's coreplusPlaceholderApi
 * (same path, same headers, a reused token), so the only difference between the two is signing.
 */
export const requestLoop = benchNode(
	'requestLoop',
	async function (this: IExecuteFunctions) {
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const count = this.getNodeParameter('count', 0) as number;
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: `${await apiBase(this, credentialType)}Location/`,
			qs: { pageNumber: 1, pageSize: 1 },
			json: true,
			headers: { 'content-type': 'application/json' },
		};
		const started = process.hrtime.bigint();
		// CPU time as well as wall time: on a shared machine the wall time moves with other jobs' load,
		// the CPU this process spends per request much less.
		const cpuStarted = process.cpuUsage();
		for (let index = 0; index < count; index++) {
			await this.helpers.httpRequestWithAuthentication.call(this, credentialType, { ...options });
		}
		const cpu = process.cpuUsage(cpuStarted);
		const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
		return [[{ json: { elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 } }]];
	},
	[
		{
			displayName: 'Credential Type',
			name: 'credentialType',
			type: 'string',
			default: 'coreplusApi',
		},
		{ displayName: 'Count', name: 'count', type: 'number', default: 100 },
	],
	[
		{ name: 'coreplusApi', required: false },
		{ name: 'coreplusPlaceholderApi', required: false },
	],
);

/**
 * Reads a file from disk the way n8n's Read/Write Files from Disk node does: a read stream handed to
 * prepareBinaryData, so in filesystem mode n8n copies it into its binary store without loading it.
 * (The test harness' stand-in uses readFile, which would put the whole 1 GiB in memory.)
 */
export const readFileStream = benchNode(
	'readFileStream',
	async function (this: IExecuteFunctions) {
		const path = this.getNodeParameter('path', 0) as string;
		const data = await this.helpers.prepareBinaryData(
			createReadStream(path),
			basename(path),
			'application/octet-stream',
		);
		return [[{ json: { fileName: data.fileName, bytes: data.bytes }, binary: { data } }]];
	},
	[{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
	[],
);
