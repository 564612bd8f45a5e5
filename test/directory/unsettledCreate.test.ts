import type { Fault } from '../../emulator/server';
import { addClient } from '../../emulator/mutations';
import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * A create whose outcome is unknown (timed out, answer lost) is never followed by a second create
 * of the same person, in that execution or (for a grace period) in the process, unless a look-up
 * finds them: Find or Create, Client → Create and Add Family Member alike. Each test uses its own
 * person, since the memory of unsettled creates is the process'.
 */
const env = useEmulator();

const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };
const posts = (path: string) =>
	env.emulator.apiRequests(path).filter((request) => request.method === 'POST');
const named = (lastName: string) =>
	env.emulator.data.clients.filter((client) => client.lastName === lastName);

function clientParameters(operation: string, lastName: string, extra: object = {}) {
	return {
		resource: 'client',
		operation,
		firstName: 'Uma',
		lastName,
		dateOfBirth: '1979-03-04',
		simplify: false,
		requestOptions: { retryDelayMs: 0, ...extra },
	};
}

function failCreate(fault: Partial<Fault>) {
	env.emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'client', ...fault });
}

/** Waits until the emulator has answered (so acted on) every POST it received. */
async function createsAnswered(path: string) {
	while (posts(path).some((request) => request.status === 0))
		await new Promise((resolve) => setTimeout(resolve, 20));
}

test('slow create, Timeout 1 s, Retry On Fail: the retry does not create the patient a second time', async () => {
	failCreate({ kind: 'slow', delayMs: 4000 });
	const result = await runCoreplus(
		env.emulator,
		clientParameters('findOrCreate', 'Slowcreate', { timeoutMs: 1000 }),
		{ nodeExtra: RETRY },
	);
	await createsAnswered('client');
	expect(posts('client')).toHaveLength(1);
	expect(named('Slowcreate')).toHaveLength(1);
	// The retry either found the patient coreplus had saved meanwhile, or said the outcome is unknown.
	if (result.error) expect(result.error.message).toMatch(/^Outcome unknown: whether the client/);
	else expect(jsonOf(result.output('coreplus'))[0].outcome).toBe('matched');
});

test('Find or Create: not found after the lost create, the retry and a later execution fail "outcome unknown" and create nothing', async () => {
	failCreate({});
	const first = await runCoreplus(env.emulator, clientParameters('findOrCreate', 'Neverseen'), {
		nodeExtra: RETRY,
	});
	expect(first.error?.message).toMatch(
		/^Outcome unknown: whether the client Uma Neverseen, born 1979-03-04 was created is unknown: a create sent at \S+ got no answer, and the look-up does not find them$/,
	);
	expect(first.error?.description).toMatch(/Check coreplus' client list for Uma Neverseen/);
	const later = await runCoreplus(env.emulator, clientParameters('findOrCreate', 'Neverseen'));
	expect(later.error?.message).toMatch(/^Outcome unknown/);
	expect(posts('client')).toHaveLength(1);
	// coreplus shows the client after all: the next run matches them.
	addClient(env.emulator.data, {
		firstName: 'Uma',
		lastName: 'Neverseen',
		dateOfBirth: '1979-03-04T00:00:00',
	});
	const found = await runCoreplus(env.emulator, clientParameters('findOrCreate', 'Neverseen'));
	expect(jsonOf(found.output('coreplus'))[0]).toMatchObject({ outcome: 'matched' });
	expect(posts('client')).toHaveLength(1);
});

test('Client → Create with Retry On Fail after a lost answer returns the client coreplus made, created once', async () => {
	failCreate({ kind: 'resetAfter' });
	const result = await runCoreplus(env.emulator, clientParameters('create', 'Lostonce'), {
		nodeExtra: RETRY,
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		clientId: named('Lostonce')[0].clientId,
		recoveredAfterLostResponse: true,
	});
	expect(posts('client')).toHaveLength(1);
	expect(named('Lostonce')).toHaveLength(1);
});

test('Client → Create with Retry On Fail when coreplus made nothing: "outcome unknown", sent once', async () => {
	failCreate({});
	const result = await runCoreplus(env.emulator, clientParameters('create', 'Notmade'), {
		nodeExtra: RETRY,
	});
	expect(result.error?.message).toMatch(/^Outcome unknown: whether the client Uma Notmade/);
	expect(posts('client')).toHaveLength(1);
	expect(named('Notmade')).toHaveLength(0);
});

test('Add Family Member with Retry On Fail after a lost answer is not sent again', async () => {
	env.emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'clientfamily' });
	const clientId = String(env.emulator.data.clients[0].clientId);
	const result = await runCoreplus(
		env.emulator,
		{
			resource: 'client',
			operation: 'addFamilyMember',
			clientId: { __rl: true, mode: 'id', value: clientId },
			firstName: 'Fay',
			surname: 'Family',
			requestOptions: { retryDelayMs: 0 },
		},
		{ nodeExtra: RETRY },
	);
	expect(result.error?.message).toMatch(
		/^Outcome unknown: whether the family member Fay Family of client \S+ was added is unknown/,
	);
	expect(posts('clientfamily')).toHaveLength(1);
	expect(env.emulator.data.clientFamilies.filter((m) => m.surname === 'Family')).toHaveLength(1);
});

test('a client list that kept changing while read ("may be incomplete") never lets Find or Create create', async () => {
	// Every reading's second page sees one client more than its first: the listing never settles.
	env.emulator.injectFault({
		kind: 'changingTotal',
		method: 'GET',
		path: 'client',
		pageNumber: 2,
		times: 20,
		change: (data) => void addClient(data, { lastName: 'Busylist' }),
	});
	const result = await runCoreplus(env.emulator, clientParameters('findOrCreate', 'Incomplete'));
	expect(result.error?.message).toBe(
		'The client list kept changing while it was read, so it cannot show that no client matches Uma Incomplete, born 1979-03-04: nothing was created',
	);
	expect(posts('client')).toHaveLength(0);
});
