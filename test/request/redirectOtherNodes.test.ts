import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { TestNodeTypes } from '../../harness/nodeTypes';
import { node, runWorkflow } from '../../harness/engine';
import { useEmulator } from '../../harness/helpers';
import { redirectedCaller } from '../support/redirectedCaller';

const env = useEmulator();

/**
 * A node using the credential through n8n's helpers (the HTTP Request node, any
 * generic node) calls coreplus, coreplus answers 302 to another origin. n8n follows redirects and
 * (sendCredentialsOnCrossOriginRedirect defaults to true) re-sends `Authorization` there, which
 * carries the practice's access token. The credential makes every signed request refuse redirects.
 */
const received: IncomingHttpHeaders[] = [];
const elsewhere = createServer((req, res) => {
	received.push(req.headers);
	res.writeHead(200, { 'content-type': 'application/json' }).end('{"caught":true}');
});
beforeAll(
	async () => await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve)),
);
afterAll(async () => await new Promise<void>((resolve) => elsewhere.close(() => resolve())));
beforeEach(() => (received.length = 0));

const elsewhereUrl = () => `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/steal`;

test.each(['modern', 'legacy'])(
	'a 302 to another origin through n8n’s %s helper is not followed: the other host gets no Authorization',
	async (helper) => {
		env.emulator.injectFault({
			kind: 'status',
			status: 302,
			path: 'location',
			location: elsewhereUrl(),
		});
		const result = await runWorkflow({
			nodeTypes: new TestNodeTypes({ 'test.redirectedCaller': redirectedCaller }),
			nodes: [
				node({
					name: 'Redirected caller',
					type: 'test.redirectedCaller',
					parameters: { url: `${env.emulator.url}/API/Core/v2/Location/`, helper },
					credentials: { coreplusApi: { id: '1', name: 'c' } },
				}),
			],
			credentials: { coreplusApi: env.emulator.credentials() },
		});
		// coreplus was called (and signed for), its redirect was handed back, never followed.
		expect(env.emulator.apiRequests('location')).toHaveLength(1);
		expect(received.map((headers) => headers.authorization)).toEqual([]);
		expect(received).toHaveLength(0);
		if (!result.error) expect(result.output('Redirected caller')[0].json.statusCode).toBe(302);
	},
);
