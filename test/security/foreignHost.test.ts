import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { node, runWorkflow } from '../../harness/engine';
import { TestNodeTypes } from '../../harness/nodeTypes';
import { wireCaller } from '../request/wireCaller';
import { useEmulator } from '../../harness/helpers';

/** The credential signs only for its own API origin (scheme, host, port). */
const env = useEmulator();

test.each([
	['another port on the same host', (other: string) => `${other}/API/Core/v2/Location/`],
	[
		'another host name for the same machine',
		(other: string) => `${other.replace('127.0.0.1', 'localhost')}/API/Core/v2/Location/`,
	],
])('a generic node sending to %s is refused before anything is sent', async (_name, target) => {
	const received: IncomingMessage[] = [];
	const other = createServer((req, res) => {
		received.push(req);
		res.end('{}');
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	try {
		const url = target(`http://127.0.0.1:${(other.address() as AddressInfo).port}`);
		const result = await runWorkflow({
			nodeTypes: new TestNodeTypes({ 'test.wireCaller': wireCaller }),
			nodes: [
				node({
					name: 'Wire caller',
					type: 'test.wireCaller',
					parameters: {},
					credentials: { coreplusApi: { id: '1', name: 'c' } },
				}),
			],
			credentials: { coreplusApi: env.emulator.credentials() },
			input: [{ json: { url } }],
		});
		expect(JSON.stringify(result.error)).toContain('only signs requests to its own API URL');
		expect(JSON.stringify(result.error)).toContain(env.emulator.url);
		expect(received).toHaveLength(0);
		expect(env.emulator.requests).toHaveLength(0);
	} finally {
		await new Promise<void>((resolve) => other.close(() => resolve()));
	}
});
