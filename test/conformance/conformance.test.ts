import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { useEmulator } from '../../harness/helpers';
import { runConformance } from '../../scripts/conformance/checks';
import { seedTomorrowsAppointment } from '../../scripts/conformance/emulatorSeed';
import { EVIDENCE } from '../../scripts/conformance/evidence';
import { sendOneFile } from '../../scripts/conformance/writes';
import { payAndReadBack } from '../../scripts/conformance/invoiceChecks';

/**
 * `npm run conformance` against the emulator: every read the node makes is checked once; an
 * envelope the node cannot read fails the check, naming the endpoint.
 */
const env = useEmulator();
beforeAll(() => seedTomorrowsAppointment(env.emulator));
afterEach(() => {
	env.emulator.envelopes.clear();
	env.emulator.shapes.reset();
});

test('against the emulator every assumption holds, each endpoint read once, with token and clock reported', async () => {
	const report = await runConformance(env.emulator.credentials());
	expect(report.ok).toBe(true);
	expect(report.tokenAccepted).toBe(true);
	expect(Math.abs(report.clockSkewSeconds!)).toBeLessThanOrEqual(2);
	expect(report.rows.map((row) => [row.endpoint, row.status, row.verdict])).toEqual([
		['GET Location/', '200', 'holds'],
		['GET Practitioner/', '200', 'holds'],
		['GET AppointmentType/', '200', 'holds'],
		['GET Client/', '200', 'holds'],
		[`GET Client/?name=${String(env.emulator.data.clients[0].lastName)}`, '200', 'holds'],
		['GET Client/?Field=email&Field=phonenumbermobile', '200', 'holds'],
		['GET Client/{id}', '200', 'holds'],
		['GET Appointment/ (this week)', '200', 'holds'],
		['GET AvailabilitySlot/ (next 7 days)', '200', 'holds'],
		['GET Appointment/{id}/', '200', 'holds'],
		['GET invoice/ (documented: Get list of invoices)', '200', 'holds'],
		[
			'GET invoice/?Field=invoiceNumber&Field=amountOwing (documented: Get list of invoices)',
			'200',
			'holds',
		],
		[
			expect.stringMatching(
				/^GET invoice\/\?updatedSince=\S+ \S+\+\d{4} \(documented: Get list of invoices\)$/,
			),
			'200',
			'holds',
		],
		['GET invoice/{id} (documented: Get a invoice record)', '200', 'holds'],
		['GET Payment/?invoiceId= (documented: Get payment)', '200', 'holds'],
	]);
	expect(
		env.emulator.requests
			.filter((r) => !r.overRateLimit)
			.map((r) => `${r.method} ${r.path}`.replace(/Appointment\/[^/]+\//, 'Appointment/{id}/')),
	).toEqual([
		'GET Location/',
		'GET Practitioner/',
		'GET AppointmentType/',
		'GET Client/',
		'GET Client/',
		'GET Client/',
		`GET Client/${String(env.emulator.data.clients[0].clientId)}`,
		'GET Appointment/',
		'GET AvailabilitySlot/',
		'GET Appointment/{id}/',
		'GET invoice/',
		'GET invoice/',
		'GET invoice/',
		`GET invoice/${String(env.emulator.data.invoices[0].invoiceId)}`,
		'GET Payment/',
	]);
});

test('the client search rows name their evidence; a name filter that finds nobody is reported as adapted', async () => {
	env.emulator.clientNameFilter = 'nothing';
	try {
		const report = await runConformance(env.emulator.credentials());
		expect(report.ok).toBe(true);
		const search = report.rows.filter((row) => row.endpoint.startsWith('GET Client/?'));
		expect(search[0]).toMatchObject({ verdict: 'differs, adapted' });
		expect(search[0].node).toMatch(
			/Find and Find or Create confirm from the full list \(evidence: lewisjluck\/CPApp/,
		);
		expect(search[1].node).toContain('evidence: toto1384/peterScheduling');
		const get = report.rows.find((row) => row.endpoint === 'GET Client/{id}')!;
		expect(get).toMatchObject({ verdict: 'holds' });
		expect(get.node).toMatch(/^the bare record of .*evidence: lewisjluck\/CPApp/);
	} finally {
		env.emulator.clientNameFilter = 'substring';
	}
});

test("an answer under another key is reported as adapted, with the node's warning; the check still passes", async () => {
	env.emulator.envelopes.set({ path: 'availabilityslot', variant: 'renamedKey' });
	const report = await runConformance(env.emulator.credentials());
	expect(report.ok).toBe(true);
	const slots = report.rows.find((row) => row.endpoint.startsWith('GET AvailabilitySlot/'))!;
	expect(slots).toMatchObject({
		keys: 'data, paging, statusMessages',
		verdict: 'differs, adapted',
	});
	expect(slots.node).toMatch(/warns: .*read the rows from "data"/);
});

test('an envelope the node cannot read fails the check, naming the endpoint, the keys received and the key expected', async () => {
	env.emulator.envelopes.set({ path: 'appointmenttype', variant: 'ambiguous' });
	const report = await runConformance(env.emulator.credentials());
	expect(report.ok).toBe(false);
	const failed = report.rows.filter((row) => row.verdict === 'FAILS');
	expect(failed.map((row) => row.endpoint)).toEqual(['GET AppointmentType/']);
	expect(failed[0].node).toContain(
		'expected a "appointmentTypes" list, received keys: current, archived, paging, statusMessages',
	);
});

test('a refused token is reported and fails the check, with no secret in the report', async () => {
	const credentials = {
		...env.emulator.credentials(),
		consumerSecret: 'not-the-secret-of-this-consumer',
	};
	const report = await runConformance(credentials);
	expect(report.ok).toBe(false);
	expect(report.tokenAccepted).toBe(false);
	expect(report.tokenNote).toMatch(/^refused \(HTTP 401/);
	expect(JSON.stringify(report)).not.toContain(credentials.accessToken);
	expect(JSON.stringify(report)).not.toContain(credentials.consumerSecret);
});

test('npm run conformance exits non-zero and names the endpoint when the emulator answers in an unreadable envelope', async () => {
	const run = promisify(execFile)(
		'npx',
		[
			'ts-node',
			'--transpile-only',
			'--prefer-ts-exts',
			'scripts/conformance/run.ts',
			'--envelope',
			'appointmenttype=empty',
		],
		{
			env: { ...process.env, COREPLUS_BASE_URL: '' },
		},
	);
	await expect(run).rejects.toMatchObject({
		code: 1,
		stdout: expect.stringContaining('FAILED: assumptions do not hold for GET AppointmentType/'),
	});
}, 60_000);

test('client rows without a field Find matches on fail the check, naming the field', async () => {
	const clients = env.emulator.data.clients;
	const saved = clients.splice(0);
	try {
		clients.push(...saved.map(({ lastName, ...row }) => ({ ...row, surname: lastName })));
		const report = await runConformance(env.emulator.credentials());
		expect(report.ok).toBe(false);
		const failed = report.rows.filter((row) => row.verdict === 'FAILS');
		expect(failed).toEqual([
			expect.objectContaining({
				endpoint: 'GET Client/',
				node: 'rows carry no "lastName": Client → Find and Find or Create refuse to match',
			}),
		]);
	} finally {
		clients.splice(0, clients.length, ...saved);
	}
});

test('the evidenced shapes are checked by name: nested location zone, type description, timeslots', async () => {
	const report = await runConformance(env.emulator.credentials());
	expect(report.ok).toBe(true);
	const byEndpoint = (prefix: string) =>
		report.rows.find((row) => row.endpoint.startsWith(prefix))!;
	expect(byEndpoint('GET Location/')).toMatchObject({
		verdict: 'holds',
		evidence: EVIDENCE.locationZone,
		node: expect.stringContaining(
			'zone in nested timeZone: "Australia\\Sydney" read as Australia/Sydney',
		),
	});
	expect(byEndpoint('GET AppointmentType/')).toMatchObject({
		verdict: 'holds',
		evidence: EVIDENCE.appointmentTypeName,
	});
	expect(byEndpoint('GET AvailabilitySlot/')).toMatchObject({
		verdict: 'holds',
		evidence: EVIDENCE.slotsKey,
	});
});

test('a server answering in the older inferred shapes is read, and reported as differing from the evidence', async () => {
	env.emulator.shapes.set({ locationZone: 'topLevel', slotsKey: 'availabilitySlots' });
	const report = await runConformance(env.emulator.credentials());
	expect(report.ok).toBe(true);
	const byEndpoint = (prefix: string) =>
		report.rows.find((row) => row.endpoint.startsWith(prefix))!;
	expect(byEndpoint('GET Location/')).toMatchObject({
		verdict: 'differs, adapted',
		node: expect.stringContaining(
			'zone in top-level fields (the inferred shape): "AUS Eastern Standard Time" read as Australia/Sydney',
		),
	});
	expect(byEndpoint('GET AvailabilitySlot/')).toMatchObject({
		verdict: 'differs, adapted',
		node: expect.stringMatching(/without a "timeslots" list .*"availabilitySlots"/),
	});
});

test('--message: an upload coreplus accepts with 200 {"result":[],"statusMessages":[]} passes', async () => {
	env.emulator.shapes.set({ messageAnswer: 'statusOnly' });
	const file = join(tmpdir(), `conformance-${process.pid}.txt`);
	writeFileSync(file, 'referral');
	const row = await sendOneFile(env.emulator.credentials(), file);
	expect(row).toMatchObject({
		endpoint: 'POST Message/ (--message)',
		verdict: 'holds',
		node: expect.stringContaining('answer keys: result, statusMessages, sentFiles'),
	});
	expect(env.emulator.apiRequests('message')).toHaveLength(1);
});

test('--pay records one payment through the node and reads it back; run again, nothing is paid twice', async () => {
	const { emulator } = env;
	const invoice = emulator.data.invoices.find(
		(row) =>
			(row.lineItems as unknown[]).length === 1 &&
			!emulator.data.payments.some((payment) => payment.invoiceId === row.invoiceId),
	)!;
	const spec = {
		invoiceId: String(invoice.invoiceId),
		lineItemId: '',
		paymentMethodId: String(emulator.data.paymentMethods[0].paymentMethodId),
		amount: '1.00',
	};
	const rows = await payAndReadBack(emulator.credentials(), spec);
	expect(rows.map((row) => [row.endpoint, row.verdict])).toEqual([
		['POST Payment/ (--pay; documented: Add payment for an invoice)', 'holds'],
		['GET Payment/?invoiceId= read back (documented: Get payment)', 'holds'],
	]);
	const again = await payAndReadBack(emulator.credentials(), spec);
	expect(again[0].node).toMatch(/already recorded: nothing sent/);
	expect(emulator.apiRequests('payment').filter((r) => r.method === 'POST')).toHaveLength(1);
	expect(emulator.data.payments.filter((p) => p.invoiceId === invoice.invoiceId)).toHaveLength(1);
});
