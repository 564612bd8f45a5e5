import { jsonOf, runWorkflow } from '../../harness/engine';
import { coreplusNode, runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * Find or Create after a create whose answer was lost looks the person up afresh
 * before any second create, with Retry On Fail and with Continue On Fail.
 */
const env = useEmulator();

const person = { firstName: 'Lola', lastName: 'Lostanswer', dateOfBirth: '1988-08-08' };
const findOrCreate = (extra: Record<string, unknown> = {}) => ({
	resource: 'client',
	operation: 'findOrCreate',
	firstName: '={{ $json.firstName }}',
	lastName: '={{ $json.lastName }}',
	dateOfBirth: '={{ $json.dateOfBirth }}',
	simplify: false,
	requestOptions: { retryDelayMs: 0 },
	...extra,
});
const posts = () => env.emulator.apiRequests('client').filter((r) => r.method === 'POST');
const lolas = () => env.emulator.data.clients.filter((c) => c.lastName === person.lastName);

beforeEach(() => {
	const { clients } = env.emulator.data;
	for (let i = clients.length - 1; i >= 0; i--)
		if (clients[i].lastName === person.lastName) clients.splice(i, 1);
});

/** The create's answer is lost, and the look-up right after it fails (every attempt). */
function loseAnswerAndLookUp() {
	env.emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'client' });
	env.emulator.injectFault({
		kind: 'status',
		method: 'GET',
		path: 'client',
		status: 503,
		skip: 4, // the first item's search and full listing (3 pages) before the create
		times: 4, // the look-up after the lost answer, all its attempts
	});
}

test('answer lost, look-up fine: the client found is the result, created once', async () => {
	env.emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'client' });
	const result = await runCoreplus(env.emulator, findOrCreate(), { input: [{ json: person }] });
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		clientId: lolas()[0].clientId,
		outcome: 'created',
		recoveredAfterLostResponse: true,
	});
	expect(posts()).toHaveLength(1);
	expect(lolas()).toHaveLength(1);
});

test('Retry On Fail after a lost answer and a failed look-up: the retry finds the client, no second create', async () => {
	loseAnswerAndLookUp();
	const result = await runCoreplus(env.emulator, findOrCreate(), {
		input: [{ json: person }],
		nodeExtra: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
		clientId: lolas()[0].clientId,
		outcome: 'matched',
	});
	expect(posts()).toHaveLength(1);
	expect(lolas()).toHaveLength(1);
});

test('Continue On Fail: the failed item says the fate is unknown; a later item for the same person finds the client', async () => {
	loseAnswerAndLookUp();
	const result = await runCoreplus(env.emulator, findOrCreate(), {
		input: [{ json: person }, { json: person }],
		nodeExtra: { onError: 'continueRegularOutput' },
	});
	expect(result.error).toBeUndefined();
	const [first, second] = jsonOf(result.output('coreplus'));
	expect(String(first.error)).toMatch(
		/^Outcome unknown: whether the client Lola Lostanswer, born 1988-08-08 was created is unknown: a create sent at \S+ got no answer, and the look-up failed/,
	);
	expect(second).toMatchObject({ clientId: lolas()[0].clientId, outcome: 'matched' });
	expect(posts()).toHaveLength(1);
	expect(lolas()).toHaveLength(1);
});

test("a client made by Client → Create joins the execution's list: a later Find or Create matches it", async () => {
	const { emulator } = env;
	const node = (name: string, parameters: Record<string, unknown>) =>
		coreplusNode(parameters as never, { name });
	const newcomer = { firstName: 'Nell', lastName: 'Lostanswer', dateOfBirth: '1999-01-01' };
	const result = await runWorkflow({
		nodes: [
			node('first', findOrCreate()),
			node('create', { resource: 'client', operation: 'create', ...newcomer }),
			node('again', { ...findOrCreate(), ...newcomer }),
		],
		connections: {
			first: { main: [[{ node: 'create', type: 'main', index: 0 }]] },
			create: { main: [[{ node: 'again', type: 'main', index: 0 }]] },
		},
		credentials: { coreplusApi: emulator.credentials() as never },
		input: [{ json: person }],
	});
	expect(result.error).toBeUndefined();
	const [created] = jsonOf(result.output('create'));
	expect(jsonOf(result.output('again'))[0]).toMatchObject({
		clientId: created.clientId,
		outcome: 'matched',
	});
	expect(posts()).toHaveLength(2);
});
