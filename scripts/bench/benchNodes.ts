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
/** The two credentials the signing comparison alternates between (see placeholderCredential.ts). */
export const SIGNING_SIDES = ['coreplusPlaceholderApi', 'coreplusApi'] as const;
export type SigningSide = (typeof SIGNING_SIDES)[number];

/**
 * The same GET through n8n's httpRequestWithAuthentication, alternating request by request between
 * a fixed token and a freshly signed one (which side goes first alternates too): both sides share
 * every moment of the run, so load from other jobs and GC drift fall on both alike, and each
 * request's wall and CPU time is recorded on its side.
 */
export const requestPairs = benchNode(
	'requestPairs',
	async function (this: IExecuteFunctions) {
		const count = this.getNodeParameter('count', 0) as number;
		const request = async (side: SigningSide): Promise<IHttpRequestOptions> => ({
			method: 'GET',
			url: `${await apiBase(this, side)}Location/`,
			qs: { pageNumber: 1, pageSize: 1 },
			json: true,
			headers: { 'content-type': 'application/json' },
		});
		const requests = {
			coreplusPlaceholderApi: await request('coreplusPlaceholderApi'),
			coreplusApi: await request('coreplusApi'),
		};
		const wallUs: Record<SigningSide, number[]> = { coreplusPlaceholderApi: [], coreplusApi: [] };
		const cpuUs: Record<SigningSide, number[]> = { coreplusPlaceholderApi: [], coreplusApi: [] };
		for (let index = 0; index < count; index++) {
			const order = index % 2 ? SIGNING_SIDES : [...SIGNING_SIDES].reverse();
			for (const side of order as SigningSide[]) {
				const cpuStarted = process.cpuUsage();
				const started = process.hrtime.bigint();
				await this.helpers.httpRequestWithAuthentication.call(this, side, { ...requests[side] });
				wallUs[side].push(Number(process.hrtime.bigint() - started) / 1000);
				const cpu = process.cpuUsage(cpuStarted);
				cpuUs[side].push(cpu.user + cpu.system);
			}
		}
		return [[{ json: { wallUs, cpuUs } as unknown as IDataObject }]];
	},
	[{ displayName: 'Count', name: 'count', type: 'number', default: 100 }],
	SIGNING_SIDES.map((name) => ({ name, required: false })),
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
