import type { INodeParameters } from 'n8n-workflow';

import { TIMEZONES } from '../../emulator/timezones';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * The look-ups an operation makes on its way (Find's name search and client list, Book's location
 * for its time zone, Book's check for a booking whose answer was lost) obey the item's Request
 * Options like the operation's own request: "Max Retries: 0" means one attempt, not the default four.
 */
const env = useEmulator();

const ONE_ATTEMPT = { maxRetries: 0, retryDelayMs: 5, timeoutMs: 2000 };

function operations(): Array<[string, INodeParameters]> {
	const { data } = env.emulator;
	const [client] = data.clients;
	const sydney = data.locations.find((l) => l.timezoneId === TIMEZONES.sydney.timezoneId)!;
	const identity = {
		firstName: String(client.firstName),
		lastName: String(client.lastName),
		dateOfBirth: String(client.dateOfBirth).slice(0, 10),
	};
	return [
		['Client → Find', { resource: 'client', operation: 'find', ...identity }],
		['Client → Find or Create', { resource: 'client', operation: 'findOrCreate', ...identity }],
		[
			'Appointment → Book',
			{
				resource: 'appointment',
				operation: 'book',
				practitionerId: String(data.practitioners[0].practitionerId),
				locationId: String(sydney.locationId),
				clientId: { __rl: true, mode: 'id', value: String(client.clientId) },
				start: '2026-05-11T10:00',
				end: '2026-05-11T11:00',
			},
		],
	];
}

test.each(['Client → Find', 'Client → Find or Create', 'Appointment → Book'])(
	'%s: a look-up failing with 503 is tried once when Max Retries is 0',
	async (name) => {
		const [, parameters] = operations().find(([label]) => label === name)!;
		env.emulator.injectFault({ kind: 'status', status: 503, times: 10 });
		const result = await runCoreplus(env.emulator, {
			...parameters,
			requestOptions: ONE_ATTEMPT,
		} as never);
		expect(result.error?.message).toMatch(/503|busy|unavailable/i);
		// apiRequests() leaves out a call refused only for pace (coreplus did not act; it is re-sent).
		expect(env.emulator.apiRequests()).toHaveLength(1);
	},
);

test('Appointment → Book: the check for a lost booking is tried once when Max Retries is 0', async () => {
	const [, parameters] = operations().find(([label]) => label === 'Appointment → Book')!;
	// The booking's answer is lost after coreplus made it; the look-up that settles it then meets 503s.
	env.emulator.injectFault({ kind: 'resetAfter', path: 'appointment', method: 'POST' });
	env.emulator.injectFault({
		kind: 'status',
		status: 503,
		times: 10,
		path: 'appointment',
		method: 'GET',
	});
	const result = await runCoreplus(env.emulator, {
		...parameters,
		requestOptions: ONE_ATTEMPT,
	} as never);
	const reads = env.emulator
		.apiRequests('appointment')
		.filter((request) => request.method === 'GET');
	expect(result.error).toBeDefined();
	expect(reads).toHaveLength(1);
});
