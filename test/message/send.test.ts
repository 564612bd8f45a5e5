import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import {
	addHarriet,
	itemWith,
	PDF,
	PNG,
	sha256,
	storedMessages,
	TXT,
	type TestFile,
} from '../support/messageFixtures';

const env = useEmulator();

const send = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	sendingFacility: 'Referral inbox (n8n)',
	...extra,
});

beforeEach(() => {
	env.emulator.data.messages.length = 0;
});

function expectStored(files: TestFile[]) {
	const [stored] = storedMessages(env.emulator);
	expect(
		stored.files.map(({ name, mimeType, size, sha256: hash }) => ({ name, mimeType, size, hash })),
	).toEqual(
		files.map((file) => ({
			name: file.fileName,
			mimeType: file.mimeType,
			size: file.bytes.length,
			hash: sha256(file.bytes),
		})),
	);
	expect(stored.files.every((file) => file.field === 'file')).toBe(true);
	return stored;
}

test('one file goes up as a signed multipart POST to Message/, with its real size in messageData', async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, send(), { input: [itemWith({ data: PDF })] });
	expect(result.error).toBeUndefined();

	const [received] = emulator.apiRequests('message');
	expect(emulator.requests.filter((r) => !r.overRateLimit)).toHaveLength(1);
	expect(received.status).toBe(200);
	expect(received.claims?.httpMethod).toBe('POST');
	expect(received.claims?.url).toBe(`${emulator.url}/API/Core/v2/Message/`);
	expect(received.url).toBe(received.claims?.url);
	expect(received.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
	expect(received.headers['content-length']).toBe(String(received.rawBody.length));
	expect(received.headers['transfer-encoding']).toBeUndefined();

	const stored = expectStored([PDF]);
	expect(stored.messageData).toEqual({
		Header: { SendingFacility: 'Referral inbox (n8n)' },
		MessageContents: [{ AttachedFileDetails: { Size: PDF.bytes.length, Name: 'referral.pdf' } }],
	});
	// The part headers as in coreplus' sample: name=file, filename and filename*=utf-8''…; messageData as UTF-8 text.
	const raw = received.rawBody.toString('utf8');
	expect(raw).toContain(
		`Content-Disposition: form-data; name=file; filename=referral.pdf; filename*=utf-8''referral.pdf\r\nContent-Type: application/pdf`,
	);
	expect(raw).toContain(
		'Content-Disposition: form-data; name="messageData"\r\nContent-Type: text/plain; charset=utf-8',
	);

	const [output] = jsonOf(result.output('coreplus'));
	expect(output.message).toMatchObject({
		messageId: stored.messageId,
		files: [{ name: 'referral.pdf', size: PDF.bytes.length }],
	});
	expect(output.sentFiles).toEqual([
		{
			binaryProperty: 'data',
			fileName: 'referral.pdf',
			mimeType: 'application/pdf',
			size: PDF.bytes.length,
		},
	]);
});

test('three files of different types: named properties or all binary properties', async () => {
	const { emulator } = env;
	const item = itemWith({ letter: PDF, photo: PNG, consent: TXT });
	const named = await runCoreplus(emulator, send({ binaryProperties: 'letter, photo,consent' }), {
		input: [item],
	});
	expect(named.error).toBeUndefined();
	const stored = expectStored([PDF, PNG, TXT]);
	expect(stored.messageData.MessageContents).toEqual(
		[PDF, PNG, TXT].map((f) => ({
			AttachedFileDetails: { Size: f.bytes.length, Name: f.fileName },
		})),
	);

	emulator.data.messages.length = 0;
	const all = await runCoreplus(emulator, send({ allBinaryProperties: true }), { input: [item] });
	expect(all.error).toBeUndefined();
	expectStored([PDF, PNG, TXT]);
	expect(jsonOf(all.output('coreplus'))[0].sentFiles).toHaveLength(3);
});

test('a non-ASCII file name arrives exactly, in the filename*=utf-8 form, and can be overridden per file', async () => {
	const { emulator } = env;
	const letter = { ...PDF, fileName: 'Überweisung für Zoë.pdf' };
	const result = await runCoreplus(emulator, send(), { input: [itemWith({ data: letter })] });
	expect(result.error).toBeUndefined();
	expectStored([letter]);
	const raw = emulator.apiRequests('message')[0].rawBody.toString('utf8');
	expect(raw).toContain(
		`filename="=?utf-8?B?${Buffer.from('Überweisung für Zoë.pdf').toString('base64')}?="; filename*=utf-8''%C3%9Cberweisung%20f%C3%BCr%20Zo%C3%AB.pdf`,
	);
	expect(storedMessages(emulator)[0].messageData.MessageContents).toEqual([
		{ AttachedFileDetails: { Size: PDF.bytes.length, Name: 'Überweisung für Zoë.pdf' } },
	]);

	emulator.data.messages.length = 0;
	const renamed = await runCoreplus(
		emulator,
		send({
			options: {
				fileNames: { files: [{ binaryProperty: 'data', fileName: 'Brief an Dr. Kwan.pdf' }] },
			},
		}),
		{
			input: [itemWith({ data: letter })],
		},
	);
	expect(renamed.error).toBeUndefined();
	expectStored([{ ...letter, fileName: 'Brief an Dr. Kwan.pdf' }]);
});

test("client, receiving practitioner and referrer are sent as documented (address keys in lower camel case, the referrer's Id) and matched by coreplus' rules", async () => {
	const { emulator } = env;
	const clientId = addHarriet(emulator);
	const [aisha] = emulator.data.practitioners;
	const result = await runCoreplus(
		emulator,
		send({
			clientMatch: 'nameAndDateOfBirth',
			clientFirstName: 'Harriet',
			clientSurname: 'Example',
			clientDateOfBirth: '1984-05-07T00:00:00',
			clientDetails: {
				gender: 'F',
				maritalStatus: 'Single',
				title: 'Ms',
				addressLine: 'unit 1, Howard St',
				suburb: 'Hills North',
				state: 'Vic',
				postcode: '3011',
				country: 'Australia',
			},
			practitionerFrom: {
				id: 'ref-0001',
				title: 'Dr',
				firstName: 'Benji',
				surname: 'Dolittle',
				providerNumber: '2000000A',
				addressLine: '33 Practice Lane',
			},
			practitionerToMatch: 'id',
			practitionerToId: aisha.practitionerId,
		}),
		{ input: [itemWith({ data: PDF })] },
	);
	expect(result.error).toBeUndefined();
	const [stored] = storedMessages(emulator);
	expect(stored.messageData.Client).toEqual({
		Firstname: 'Harriet',
		Surname: 'Example',
		Title: 'Ms',
		Address: {
			addressLine: 'unit 1, Howard St',
			suburb: 'Hills North',
			state: 'Vic',
			postcode: '3011',
			country: 'Australia',
		},
		DateOfBirth: '1984-05-07',
		Gender: 'Female',
		MaritalStatus: 'Single',
	});
	// The keys byte for byte as the page's parameter table writes them, in its order.
	expect(emulator.apiRequests('message')[0].rawBody.toString('utf8')).toContain(
		'"Address":{"addressLine":"unit 1, Howard St","suburb":"Hills North","state":"Vic","postcode":"3011","country":"Australia"}',
	);
	expect(stored.messageData.PractitionerFrom).toEqual({
		Id: 'ref-0001',
		Firstname: 'Benji',
		Surname: 'Dolittle',
		Title: 'Dr',
		Address: { addressLine: '33 Practice Lane' },
		ProviderNumber: '2000000A',
	});
	expect(stored.messageData.PractitionerTo).toEqual({ Id: aisha.practitionerId });
	expect(stored.client).toEqual({ matched: true, matchedBy: 'nameAndDateOfBirth', clientId });
	expect(stored.practitionerTo).toEqual({
		matched: true,
		matchedBy: 'id',
		practitionerId: aisha.practitionerId,
	});
	expect(stored.practitionerFrom).toMatchObject({
		matched: true,
		matchedBy: 'nameAndProviderNumber',
	});
	expect(jsonOf(result.output('coreplus'))[0].message).toMatchObject({
		client: { matched: true, clientId },
	});

	// By ID and by name, with a referrer whose provider number does not match.
	emulator.data.messages.length = 0;
	const byId = await runCoreplus(
		emulator,
		send({
			clientMatch: 'id',
			clientId: { __rl: true, mode: 'id', value: clientId },
			practitionerFrom: { firstName: 'Benji', surname: 'Dolittle', providerNumber: '9999999Z' },
			practitionerToMatch: 'name',
			practitionerToFirstName: 'aisha',
			practitionerToSurname: 'RAHMAN',
		}),
		{ input: [itemWith({ data: PDF })] },
	);
	expect(byId.error).toBeUndefined();
	const [second] = storedMessages(emulator);
	expect(second.messageData.Client).toEqual({ Id: clientId });
	expect(second.client).toEqual({ matched: true, matchedBy: 'id', clientId });
	expect(second.practitionerTo).toEqual({
		matched: true,
		matchedBy: 'name',
		practitionerId: aisha.practitionerId,
	});
	expect(second.practitionerFrom).toEqual({ matched: false });
});

describe('bad input is refused before anything is sent, naming the item and the parameter', () => {
	const cases: Array<[string, Record<string, unknown>, ReturnType<typeof itemWith>, RegExp]> = [
		[
			'a missing binary property',
			{ binaryProperties: 'data, scan' },
			itemWith({ data: PDF }),
			/Invalid "Binary Properties" in item 0: the item has no binary property "scan"/,
		],
		[
			'an item without files',
			{ allBinaryProperties: true },
			{ json: {} },
			/Invalid "All Binary Properties" in item 0: the item has no binary data/,
		],
		[
			'an empty file',
			{},
			itemWith({ data: { ...PDF, bytes: Buffer.alloc(0) } }),
			/Invalid "Binary Properties" in item 0: the file "referral.pdf" .* is empty \(0 bytes\)/,
		],
		[
			'a missing sending facility',
			{ sendingFacility: '={{ $json.facility }}' },
			itemWith({ data: PDF }),
			/Invalid "Sending Facility" in item 0: a value is required/,
		],
		[
			'a client by name without a date of birth',
			{
				clientMatch: 'nameAndDateOfBirth',
				clientFirstName: 'Harriet',
				clientSurname: 'Example',
				clientDateOfBirth: '={{ $json.dateOfBirth }}',
			},
			itemWith({ data: PDF }),
			/Invalid "Client Date of Birth" in item 0: a value is required/,
		],
		[
			'an unknown gender code',
			{ clientMatch: 'id', clientId: 'abc-123', clientDetails: { gender: 'X' } },
			itemWith({ data: PDF }),
			/Invalid "Client Details → Gender" in item 0: "X" is not a documented code/,
		],
		[
			'two files with the same name',
			{ binaryProperties: 'a,b' },
			itemWith({ a: PDF, b: PDF }),
			/Invalid "File Names" in item 0: binary properties "a" and "b" are both named "referral.pdf"/,
		],
	];
	test.each(cases)('%s', async (_, parameters, item, message) => {
		const { emulator } = env;
		const result = await runCoreplus(emulator, send(parameters), { input: [item] });
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});

	test('the allowed values are listed', async () => {
		const result = await runCoreplus(
			env.emulator,
			send({ clientMatch: 'id', clientId: 'abc-123', clientDetails: { maritalStatus: 'Engaged' } }),
			{
				input: [itemWith({ data: PDF })],
			},
		);
		expect(result.error?.description).toBe(
			'Allowed: Single (S), Married (M), Widowed (W), Divorced (D), Unknown (U)',
		);
	});
});

test('under Continue On Fail a bad item does not stop the others', async () => {
	const { emulator } = env;
	const empty = itemWith({ data: { ...TXT, bytes: Buffer.alloc(0) } });
	const result = await runCoreplus(emulator, send(), {
		input: [itemWith({ data: PDF }), empty, itemWith({ data: PNG })],
		nodeExtra: { continueOnFail: true },
	});
	expect(result.error).toBeUndefined();
	const items = result.output('coreplus');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json.sentFiles).toHaveLength(1);
	expect(items[1].json.error).toMatch(/item 1: the file "consent.txt" .* is empty/);
	expect(items[2].json.sentFiles).toHaveLength(1);
	expect(storedMessages(emulator).map((m) => m.files[0].name)).toEqual([
		'referral.pdf',
		'wound-photo.png',
	]);
});

test('a 429 on the upload is retried with a freshly built body: coreplus stores the file once, byte for byte', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'status', status: 429, method: 'POST', path: 'message' });
	const result = await runCoreplus(emulator, send(), { input: [itemWith({ data: PDF })] });
	expect(result.error).toBeUndefined();
	expect(emulator.apiRequests('message').map((request) => request.status)).toEqual([429, 200]);
	expect(storedMessages(emulator)).toHaveLength(1);
	expectStored([PDF]);
});

test('with a Rate-Limit Wait Budget of 0 a 429 on the upload fails the item and nothing is stored', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'status', status: 429, method: 'POST', path: 'message' });
	const result = await runCoreplus(emulator, send({ requestOptions: { rateLimitBudgetMs: 0 } }), {
		input: [itemWith({ data: PDF })],
	});
	expect(result.error?.message).toMatch(/HTTP 429/);
	expect(emulator.apiRequests('message')).toHaveLength(1);
	expect(storedMessages(emulator)).toHaveLength(0);
});

test('Retry On Fail after a lost answer never sends the message twice: one copy stored, the item fails outcome unknown', async () => {
	const { emulator } = env;
	emulator.injectFault({ kind: 'resetAfter', method: 'POST', path: 'message' });
	const result = await runCoreplus(emulator, send(), {
		input: [itemWith({ data: PDF })],
		nodeExtra: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});
	expect(result.error?.message).toMatch(
		/^Outcome unknown, check the messages in coreplus: whether the message with "referral.pdf" was stored is unknown \(an earlier attempt's answer was lost/,
	);
	expect(emulator.apiRequests('message')).toHaveLength(1);
	expect(storedMessages(emulator)).toHaveLength(1);
});

test('a message stored by an earlier attempt of the same execution is reported already stored, not sent again', async () => {
	const { emulator } = env;
	const run = { input: [itemWith({ data: PDF })], executionId: `exec-msg-${Date.now()}` };
	const first = await runCoreplus(emulator, send(), run);
	expect(first.error).toBeUndefined();
	// Retry On Fail runs the node again in the same execution (another item failed).
	const again = await runCoreplus(emulator, send(), run);
	expect(jsonOf(again.output('coreplus'))[0]).toMatchObject({
		alreadyStored: true,
		sentFiles: [{ fileName: 'referral.pdf' }],
	});
	expect(emulator.apiRequests('message')).toHaveLength(1);
	expect(storedMessages(emulator)).toHaveLength(1);
});
