import { NodeConnectionTypes, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

import { TestNodeTypes } from '../../harness/nodeTypes';
import { node, runWorkflow } from '../../harness/engine';
import { useEmulator } from '../../harness/helpers';

const env = useEmulator();

/**
 * Calls coreplus the way a generic node (like n8n's HTTP Request node) does with this package's
 * credential as a predefined credential type: absolute URL plus a separate `qs`, through both
 * of n8n's authenticated request helpers.
 */
const genericCaller: INodeType = {
	description: {
		displayName: 'Generic caller',
		name: 'genericCaller',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Generic caller' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coreplusApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions) {
		const url = this.getNodeParameter('url', 0) as string;
		const modern = await this.helpers.httpRequestWithAuthentication.call(this, 'coreplusApi', {
			method: 'GET',
			url,
			qs: { pageNumber: 1, pageSize: 2, locationId: ['a b', 'c&d'] },
			json: true,
		});
		const legacy = await this.helpers.requestWithAuthentication.call(this, 'coreplusApi', {
			method: 'GET',
			uri: url,
			qs: { pageNumber: 2, pageSize: 2 },
			json: true,
		});
		return [[{ json: { modern, legacy } }]];
	},
};

test('generic nodes using the credential get every request signed for the URL they send', async () => {
	const nodeTypes = new TestNodeTypes({ 'test.genericCaller': genericCaller });
	const result = await runWorkflow({
		nodeTypes,
		nodes: [
			node({
				name: 'Generic caller',
				type: 'test.genericCaller',
				parameters: { url: `${env.emulator.url}/API/Core/v2/Location/` },
				credentials: { coreplusApi: { id: '1', name: 'c' } },
			}),
		],
		credentials: { coreplusApi: env.emulator.credentials() },
	});
	expect(result.error).toBeUndefined();
	const [modern, legacy] = env.emulator.apiRequests('location');
	expect(modern.url).toBe(
		`${env.emulator.url}/API/Core/v2/Location/?pageNumber=1&pageSize=2&locationId=a%20b&locationId=c%26d`,
	);
	expect(modern.query.getAll('locationId')).toEqual(['a b', 'c&d']);
	expect(modern.claims?.url).toBe(modern.url);
	expect(legacy.url).toBe(`${env.emulator.url}/API/Core/v2/Location/?pageNumber=2&pageSize=2`);
	expect(legacy.claims?.httpMethod).toBe('GET');
	const [item] = result.output('Generic caller');
	expect((item.json.modern as { locations: unknown[] }).locations).toHaveLength(2);
});
