import { parseApiUrl } from '../../nodes/Coreplus/transport/url';

/**
 * Which plain-http API URLs count as this machine (decided without node:net,
 * which n8n's scanner refuses). The refusals are also run end to end in signing.test.ts; these
 * are the spellings of loopback that only the URL parser's canonical form makes equal.
 */
describe('plain http is accepted for loopback hosts only', () => {
	test.each([
		'http://localhost:8787',
		'http://LOCALHOST',
		'http://127.0.0.1:8787',
		'http://127.255.0.9',
		'http://127.1',
		'http://0x7f.1',
		'http://2130706433',
		'http://[::1]:8787',
		'http://[0:0:0:0:0:0:0:1]',
	])('%s is accepted', (apiUrl) => {
		expect(parseApiUrl(apiUrl).protocol).toBe('http:');
	});

	test.each([
		'http://128.0.0.1',
		'http://127.0.0.1.nip.io',
		'http://127.attacker.example',
		'http://localhost.attacker.example',
		'http://[::2]',
		'http://[::ffff:127.0.0.1]',
		'http://10.0.0.1',
	])('%s is refused', (apiUrl) => {
		expect(() => parseApiUrl(apiUrl)).toThrow(/only reached over https/);
	});
});
