import { spawn } from 'node:child_process';

import { useEmulator } from '../../harness/helpers';

/**
 * `npm run demo` against a "real" server: an emulator on loopback named by the COREPLUS_*
 * variables, so the demo cannot tell it from a practice's coreplus. It must never book there
 * without the user's "book" (or --book), and books only the client and location named.
 */
const env = useEmulator();

interface DemoRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runDemo(args: string[], variables: NodeJS.ProcessEnv, input = ''): Promise<DemoRun> {
	const child = spawn(
		'npx',
		['ts-node', '--transpile-only', '--prefer-ts-exts', 'scripts/demo/run.ts', ...args],
		{ env: { ...withoutCoreplusVariables(), ...variables } },
	);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	child.stdin.end(input);
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function withoutCoreplusVariables(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('COREPLUS_')),
	);
}

/** The emulator, posing as the user's own coreplus through the four variables. */
function serverVariables(): NodeJS.ProcessEnv {
	const credentials = env.emulator.credentials();
	return {
		COREPLUS_BASE_URL: env.emulator.url,
		COREPLUS_CONSUMER_ID: credentials.consumerId,
		COREPLUS_CONSUMER_SECRET: credentials.consumerSecret,
		COREPLUS_ACCESS_TOKEN: credentials.accessToken,
	};
}

const named = () => ({
	location: env.emulator.data.locations[3],
	client: env.emulator.data.clients[7],
});

const bookings = () =>
	env.emulator.apiRequests('appointment').filter((request) => request.method === 'POST');

test('against a real server it says what it would book, and books nothing without "book"', async () => {
	const { location, client } = named();
	const run = await runDemo(
		[],
		{
			...serverVariables(),
			COREPLUS_DEMO_LOCATION_ID: String(location.locationId),
			COREPLUS_DEMO_CLIENT_ID: String(client.clientId),
		},
		'yes\n',
	);
	expect(run.code).toBe(0);
	expect(run.stdout).toContain('This is a real coreplus server');
	expect(run.stdout).toContain(
		`Patient:      ${client.title} ${client.firstName} ${client.lastName} (client ${client.clientId})`,
	);
	expect(run.stdout).toMatch(/Practitioner: \S+/);
	expect(run.stdout).toContain(`Where:        ${location.name} (location ${location.locationId})`);
	expect(run.stdout).toContain('Nothing was booked.');
	expect(run.stdout).toContain('Next: import examples/book-first-free-slot.json');
	expect(bookings()).toHaveLength(0);
	expect(run.stdout + run.stderr).not.toContain(serverVariables().COREPLUS_CONSUMER_SECRET);
}, 120_000);

test('with --book it books once, the client and the location named', async () => {
	const { location, client } = named();
	const run = await runDemo(['--book'], {
		...serverVariables(),
		COREPLUS_DEMO_LOCATION_ID: String(location.locationId),
		COREPLUS_DEMO_CLIENT_ID: String(client.clientId),
	});
	expect(run).toMatchObject({ code: 0, stderr: '' });
	expect(bookings()).toHaveLength(1);
	const body = bookings()[0].json as { locationId: string; clients: Array<{ clientId: string }> };
	expect(body.locationId).toBe(location.locationId);
	expect(body.clients.map((c) => c.clientId)).toEqual([client.clientId]);
}, 120_000);

test('against a real server without COREPLUS_DEMO_CLIENT_ID it refuses to pick a patient itself', async () => {
	const { location } = named();
	const run = await runDemo(['--book'], {
		...serverVariables(),
		COREPLUS_DEMO_LOCATION_ID: String(location.locationId),
	});
	expect(run.code).toBe(1);
	expect(run.stderr).toContain('set COREPLUS_DEMO_CLIENT_ID');
	expect(bookings()).toHaveLength(0);
}, 120_000);

test('some COREPLUS_* variables set: an error naming the missing ones, no fallback to the emulator', async () => {
	const { COREPLUS_BASE_URL, COREPLUS_CONSUMER_ID } = serverVariables();
	const run = await runDemo([], { COREPLUS_BASE_URL, COREPLUS_CONSUMER_ID });
	expect(run.code).toBe(1);
	expect(run.stderr).toContain(
		'COREPLUS_CONSUMER_SECRET, COREPLUS_ACCESS_TOKEN are not set. Set all four of',
	);
	expect(run.stdout).not.toContain('emulator');
	expect(env.emulator.requests).toHaveLength(0);
}, 120_000);
