import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';
import { DateTime } from 'luxon';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Coreplus } from '../../nodes/Coreplus/Coreplus.node';
import { resources } from '../../nodes/Coreplus/actions/resources';
import { DEMO_CONSUMER } from '../../emulator/consumers';
import type { Fault } from '../../emulator/server';
import { TIMEZONES } from '../../emulator/timezones';
import { addClient, book, cancel } from '../../emulator/mutations';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { node, runWorkflow } from '../../harness/engine';
import { TestNodeTypes } from '../../harness/nodeTypes';
import { redirectedCaller } from '../support/redirectedCaller';
import { CoreplusEmulator } from '../../emulator/server';
import { SECRET_ECHOES, TOKEN_ECHOES, telltale } from './echoForms';
import { PolledWorkflow } from '../../harness/poll';
import { ALL_EVENTS, daysAhead, TRIGGER_TYPE } from '../trigger/helpers';
import { itemWith, PDF } from '../support/messageFixtures';

/**
 * Runs every operation, succeeding and failing in every way the emulator can make it fail (wrong
 * secret, lost connection, busy server), plus the credential's Test button with a wrong secret,
 * the Coreplus Trigger's polls (items, errors, the state n8n saves), and scans everything a user, a log or an execution record could see for the consumer secret,
 * the access token and any signed token.
 */
const env = useEmulator();

const seen: string[] = [];
const record = (label: string, value: unknown) =>
	seen.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);

// Whatever anything writes to the console or the process streams during the scan.
const writes: Array<{ stream: NodeJS.WriteStream; original: NodeJS.WriteStream['write'] }> = [];
beforeAll(() => {
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write;
		writes.push({ stream, original });
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			record('stream', String(chunk));
			return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
		}) as NodeJS.WriteStream['write'];
	}
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest
			.spyOn(console, method)
			.mockImplementation((...args: unknown[]) =>
				record(`console.${method}`, args.map(String).join(' ')),
			);
	}
});
afterAll(() => {
	for (const { stream, original } of writes) stream.write = original;
	jest.restoreAllMocks();
});

function parametersFor(
	resource: string,
	operation: string,
): { parameters: INodeParameters; input?: INodeExecutionData[] } {
	const { data } = env.emulator;
	const client = { __rl: true, mode: 'id', value: String(data.clients[0].clientId) };
	const sydney = data.locations.find((l) => l.timezoneId === TIMEZONES.sydney.timezoneId)!;
	const range = {
		startDate: '2026-05-11',
		endDate: '2026-05-12',
		timeZoneSource: 'timezoneId',
		timezoneId: TIMEZONES.sydney.timezoneId,
	};
	const byOperation: Record<string, { parameters: INodeParameters; input?: INodeExecutionData[] }> =
		{
			'client.getMany': { parameters: { returnAll: false, limit: 3 } },
			'client.get': { parameters: { clientId: client } },
			'client.find': {
				parameters: {
					firstName: String(data.clients[0].firstName),
					lastName: String(data.clients[0].lastName),
					dateOfBirth: String(data.clients[0].dateOfBirth).slice(0, 10),
				},
			},
			'client.findOrCreate': {
				parameters: { firstName: 'Secret', lastName: 'Found', dateOfBirth: '1990-01-02' },
			},
			'client.create': {
				parameters: { firstName: 'Secret', lastName: 'Scan', dateOfBirth: '1990-01-01' },
			},
			'client.addFamilyMember': {
				parameters: { clientId: client, firstName: 'Kin', surname: 'Scan' },
			},
			'practitioner.getMany': { parameters: { returnAll: true } },
			'location.getMany': { parameters: { returnAll: true } },
			'appointmentType.getMany': { parameters: { returnAll: true } },
			'appointmentType.create': { parameters: { description: 'Scan', durationMinutes: 30 } },
			'availabilitySlot.getMany': { parameters: range },
			'appointment.getMany': { parameters: range },
			'appointment.get': { parameters: { appointmentId: String(data.clients[0].clientId) } },
			'appointment.book': {
				parameters: {
					practitionerId: data.practitioners[0].practitionerId as string,
					locationId: sydney.locationId as string,
					clientId: client,
					start: '2026-05-11T10:00',
					end: '2026-05-11T11:00',
				},
			},
			// A fresh appointment each run, so the write and its read-back are scanned too.
			'appointment.cancel': {
				parameters: {
					appointmentId: String(
						book(data, { start: DateTime.fromISO('2026-05-13T09:00+10:00') }).appointmentId,
					),
				},
			},
			'appointment.reschedule': {
				parameters: {
					appointmentId: String(
						book(data, { start: DateTime.fromISO('2026-05-13T11:00+10:00') }).appointmentId,
					),
					start: '2026-05-14T10:00',
				},
			},
			'message.send': {
				parameters: { sendingFacility: 'Scan inbox' },
				input: [itemWith({ data: PDF })],
			},
		};
	const found = byOperation[`${resource}.${operation}`];
	if (!found)
		throw new Error(`The secret scan has no parameters for ${resource}.${operation}: add a row`);
	return found;
}

const operations = resources.flatMap((resource) =>
	resource.operations.map((operation) => [resource.value, operation.value] as const),
);

// How each run goes wrong (or not).
const scenarios: Array<
	[string, { fault?: Omit<Fault, 'path'>; credential?: Record<string, unknown> }]
> = [
	['succeeds or fails normally', {}],
	['is signed with a wrong secret', { credential: { consumerSecret: 'wrong-secret-0123456789' } }],
	[
		'uses an unknown access token',
		{ credential: { accessToken: 'ffffffff-0000-4000-8000-000000000000' } },
	],
	['loses the connection', { fault: { kind: 'resetBefore', times: 20 } }],
	['meets a busy server', { fault: { kind: 'status', status: 503, times: 20 } }],
	['gets a proxy page instead of JSON', { fault: { kind: 'nonJson', times: 20 } }],
	[
		'is redirected to another host',
		{ fault: { kind: 'status', status: 302, location: 'http://127.0.0.1:1/elsewhere', times: 20 } },
	],
];

test.each(
	operations.flatMap(([resource, operation]) =>
		scenarios.map(
			([name, scenario]) =>
				[`${resource} → ${operation}`, name, resource, operation, scenario] as const,
		),
	),
)(
	'%s %s: output and errors carry no secret',
	async (_label, _name, resource, operation, scenario) => {
		const { emulator } = env;
		if (scenario.fault) emulator.injectFault(scenario.fault);
		const { parameters, input } = parametersFor(resource, operation);
		const requestOptions = { maxRetries: 1, retryDelayMs: 5, timeoutMs: 2000 };
		const credentialOverrides = scenario.credential;
		for (const onError of ['continueRegularOutput', 'stopWorkflow'] as const) {
			const result = await runCoreplus(
				emulator,
				{ resource, operation, ...parameters, requestOptions } as never,
				{
					input,
					credentialOverrides,
					nodeExtra: { onError },
				},
			);
			record('items', result.output('coreplus'));
			record(
				'error',
				result.error && {
					...result.error,
					message: result.error.message,
					description: result.error.description,
				},
			);
			record('resultData', result.run.data.resultData);
		}
		for (const request of emulator.requests) if (request.token) tokens.add(request.token);
	},
);

const tokens = new Set<string>();

test('the credential Test button with a wrong secret reports the failure without any secret', async () => {
	const { emulator } = env;
	const context = new CredentialTestContext();
	for (const overrides of [
		{ consumerSecret: 'wrong-secret-0123456789' },
		{},
		{ apiUrl: 'http://127.0.0.1:1' },
	]) {
		const result = await new Coreplus().methods.credentialTest.coreplusApiTest.call(context, {
			id: '1',
			name: 'coreplus',
			type: 'coreplusApi',
			data: { ...emulator.credentials(), ...overrides } as never,
		});
		record('credential test', result);
	}
	expect(seen.some((text) => text.includes('Invalid token'))).toBe(true);
	for (const request of emulator.requests) if (request.token) tokens.add(request.token);
});

test('the credential Test button against an API URL that redirects to another host reports it without any secret', async () => {
	const redirecting = createServer((req, res) => {
		// The redirect target echoes the request's Authorization header, as a hostile host could.
		tokens.add(String(req.headers.authorization).replace(/^JwToken /, ''));
		res
			.writeHead(302, {
				location: `${env.emulator.url}/API/Core/v2/Location/?echo=${req.headers.authorization}`,
			})
			.end();
	});
	await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
	try {
		const result = await new Coreplus().methods.credentialTest.coreplusApiTest.call(
			new CredentialTestContext(),
			{
				id: '1',
				name: 'coreplus',
				type: 'coreplusApi',
				data: {
					...env.emulator.credentials(),
					apiUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
				} as never,
			},
		);
		record('credential test (redirect)', result);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('redirect (HTTP 302)');
		expect(env.emulator.requests).toHaveLength(0);
	} finally {
		await new Promise<void>((resolve) => redirecting.close(() => resolve()));
	}
});

test.each(['modern', 'legacy'])(
	'a generic node (HTTP Request) using the credential, redirected by the API host to a host echoing what it gets (%s helper), shows no secret',
	async (helper) => {
		// The other host answers with whatever Authorization header reached it.
		const echo = createServer((req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ echoed: req.headers.authorization ?? null }));
		});
		await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = echo.address() as AddressInfo;
			env.emulator.injectFault({
				kind: 'status',
				status: 302,
				path: 'location',
				location: `http://127.0.0.1:${port}/echo`,
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
			record(
				'redirected generic node',
				result.error ? result.error.message : result.output('Redirected caller'),
			);
			record('redirected generic node run', result.run.data.resultData);
			for (const request of env.emulator.requests) if (request.token) tokens.add(request.token);
		} finally {
			await new Promise<void>((resolve) => echo.close(() => resolve()));
		}
	},
);

test.each(scenarios)(
	'the Coreplus Trigger %s: its items, errors and saved state carry no secret',
	async (_name, scenario) => {
		const { emulator } = env;
		const credentials = {
			coreplusApi: { ...emulator.credentials(), ...scenario.credential } as never,
		};
		const trigger = new PolledWorkflow(TRIGGER_TYPE, { events: ALL_EVENTS }, credentials);
		// A baseline, then a poll with something to emit: a booking, a cancellation and a new client.
		const booked = book(emulator.data, { start: daysAhead(2) });
		record('trigger baseline', await trigger.poll());
		book(emulator.data, { start: daysAhead(3) });
		cancel(emulator.data, String(booked.appointmentId));
		addClient(emulator.data);
		if (scenario.fault) emulator.injectFault(scenario.fault);
		const outcome = await trigger.poll();
		record('trigger items', outcome.items);
		record(
			'trigger error',
			outcome.error && {
				...outcome.error,
				message: outcome.error.message,
				description: (outcome.error as { description?: unknown }).description,
			},
		);
		record('trigger static data', trigger.staticData);
		for (const request of emulator.requests) if (request.token) tokens.add(request.token);
	},
);

// A consumer whose secret and access token hold every character an encoding changes.
const SPECIAL = {
	consumerId: 'special-consumer',
	consumerSecret: 'sp3cial "secret" \\ with+plus & ümlaut/slash',
	accessToken: 'acc"ess \\ tok+en & é 0123',
};
/** Echoed forms that must not appear anywhere (checked with the rest below). */
const forbidden: string[] = [];

describe('coreplus echoing the credential back in an encoded form', () => {
	const special = new CoreplusEmulator({
		consumers: [
			{
				consumerId: SPECIAL.consumerId,
				consumerSecret: SPECIAL.consumerSecret,
				accessTokens: { [SPECIAL.accessToken]: ['VIEW_LOCATIONLIST'] },
			},
		],
	});
	beforeAll(async () => void (await special.start()));
	afterAll(async () => await special.stop());
	const credentialOverrides = {
		consumerId: SPECIAL.consumerId,
		consumerSecret: SPECIAL.consumerSecret,
		accessToken: SPECIAL.accessToken,
	};
	const listLocations = async () => {
		const result = await runCoreplus(
			special,
			{ resource: 'location', operation: 'getMany', returnAll: true },
			{ credentialOverrides },
		);
		expect(result.error?.message).toContain('Rejected');
		// As plain text too: JSON would escape an echoed form again and hide it from the check.
		record('echo message', String(result.error?.message));
		record('echo description', String(result.error?.description));
		record('echo run', result.run.data.resultData);
	};

	test.each(SECRET_ECHOES)('the secret and the access token %s', async (name, echo) => {
		for (const secret of [SPECIAL.consumerSecret, SPECIAL.accessToken]) {
			special.injectFault({ kind: 'status', status: 400, reason: `Rejected ${echo(secret)}.` });
			await listLocations();
			forbidden.push(telltale(echo(secret), name));
		}
	});

	test.each(TOKEN_ECHOES)('%s', async (_name, echo) => {
		let echoed = '';
		special.injectFault({
			kind: 'status',
			status: 400,
			reason: (request) => {
				echoed = echo(request);
				return `Rejected ${echoed}.`;
			},
		});
		await listLocations();
		expect(echoed.length).toBeGreaterThan(10);
		forbidden.push(echoed);
	});
});

test('nothing collected contains the consumer secret, the access token or a signed token', () => {
	const everything = seen.join('\n');
	// The scan saw real traffic, real failures and real tokens.
	expect(tokens.size).toBeGreaterThan(20);
	expect(everything).toMatch(/HTTP 503/);
	expect(everything).toMatch(/Invalid token/);
	expect(everything).toMatch(/the connection was reset/);

	const secrets = [
		DEMO_CONSUMER.consumerSecret,
		'wrong-secret-0123456789',
		env.emulator.credentials().accessToken,
		'ffffffff-0000-4000-8000-000000000000',
	];
	for (const secret of secrets) expect(everything).not.toContain(secret);
	expect(forbidden.length).toBeGreaterThan(20);
	for (const form of forbidden) expect(everything).not.toContain(form);
	for (const token of tokens) {
		expect(everything).not.toContain(token);
		// Nor the token's signature alone.
		expect(everything).not.toContain(token.split('.')[2]);
	}
	expect(everything).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
	expect(everything).not.toMatch(/JwToken\s+(?!\[redacted)/);
});
