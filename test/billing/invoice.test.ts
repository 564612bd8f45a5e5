import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { moneyText, owingCents } from '../../emulator/invoices';
import { CoreplusEmulator } from '../../emulator/server';

const env = useEmulator();

const getMany = (extra: Record<string, unknown> = {}) =>
	runCoreplus(env.emulator, { resource: 'invoice', operation: 'getMany', ...extra } as never);

describe('Invoice → Get Many', () => {
	test('Return All reads every page through the page walker, in the API order', async () => {
		const { emulator } = env;
		const result = await getMany({ returnAll: true, simplify: false });
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result.output('coreplus'));
		expect(rows.map((r) => r.invoiceId)).toEqual(emulator.data.invoices.map((i) => i.invoiceId));
		// coreplus' own row without Field: no amountOwing, every line field.
		expect(Object.keys(rows[0]).sort()).toEqual(
			['clientId', 'generatedAt', 'invoiceId', 'invoiceNumber', 'lineItems'].sort(),
		);
		const received = emulator.apiRequests('invoice');
		expect(received.map((r) => r.query.toString()).sort()).toEqual(['pageNumber=1&pageSize=100']);
		expect(received.every((r) => r.claims?.url === r.url)).toBe(true);
	});

	test('Limit asks for only the rows it needs; more than a page is read in pages', async () => {
		const { emulator } = env;
		const seven = jsonOf((await getMany({ limit: 7, simplify: false })).output('coreplus'));
		expect(seven.map((r) => r.invoiceId)).toEqual(
			emulator.data.invoices.slice(0, 7).map((i) => i.invoiceId),
		);
		expect(emulator.apiRequests('invoice').map((r) => r.query.toString())).toEqual([
			'pageNumber=1&pageSize=7',
		]);
		emulator.resetLog();
		emulator.pageSizeCap = 20;
		try {
			const rows = jsonOf((await getMany({ limit: 50, simplify: false })).output('coreplus'));
			expect(rows.map((r) => r.invoiceId)).toEqual(
				emulator.data.invoices.slice(0, 50).map((i) => i.invoiceId),
			);
			expect(emulator.apiRequests('invoice').map((r) => r.query.get('pageNumber'))).toEqual([
				'1',
				'2',
				'3',
			]);
		} finally {
			emulator.pageSizeCap = undefined;
		}
	});

	test('the flags and Fields go out as documented: repeated Field, get…Id=true', async () => {
		const { emulator } = env;
		const result = await getMany({
			limit: 3,
			simplify: false,
			options: {
				fields: ['invoiceNumber', 'amountOwing', 'lineItems.itemNumber'],
				includeLocationId: true,
				includeLockStatus: true,
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = emulator.apiRequests('invoice');
		expect(request.query.getAll('Field')).toEqual([
			'invoiceNumber',
			'amountOwing',
			'lineItems.itemNumber',
		]);
		expect(request.query.get('getLocationId')).toBe('true');
		expect(request.query.get('getLockStatus')).toBe('true');
		const [first] = jsonOf(result.output('coreplus'));
		const invoice = emulator.data.invoices[0];
		expect(first).toEqual({
			invoiceNumber: invoice.invoiceNumber,
			amountOwing: moneyText(owingCents(invoice, emulator.data.payments)),
			lineItems: (invoice.lineItems as Array<{ itemNumber: string }>).map((line) => ({
				itemNumber: line.itemNumber,
			})),
			locationId: invoice.locationId,
			locked: invoice.locked,
		});
	});

	test('Simplify: amounts as numbers beside the text, paid, names and line totals', async () => {
		const { emulator } = env;
		const result = await getMany({ limit: 12 });
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result.output('coreplus'));
		const [request] = emulator.apiRequests('invoice');
		expect(request.query.getAll('Field')).toContain('amountOwing');
		expect(request.query.get('getPractitionerId')).toBe('true');
		// The seed's third invoice: two lines, nothing paid.
		const third = emulator.data.invoices[2];
		const lines = third.lineItems as Array<{ lineAmount: number }>;
		const total = lines.reduce((sum, line) => sum + Math.round(line.lineAmount * 100), 0) / 100;
		const client = emulator.data.clients.find((c) => c.clientId === third.clientId)!;
		expect(rows[2]).toMatchObject({
			invoiceId: third.invoiceId,
			clientName: `${String(client.firstName)} ${String(client.lastName)}`,
			practitionerName: expect.any(String),
			total,
			amountOwing: total,
			amountOwingText: moneyText(Math.round(total * 100)),
			paid: false,
		});
		expect(typeof rows[2].amountOwing).toBe('number');
		// Invoice 1 is paid in full: coreplus sends "0.0".
		expect(rows[0]).toMatchObject({ amountOwing: 0, amountOwingText: '0.0', paid: true });
	});
});

describe('Invoice → Get Many, Updated Since', () => {
	test('is sent with its offset and its + URL-encoded, and only changed invoices come back', async () => {
		const { emulator } = env;
		const since = DateTime.fromISO('2026-03-02T10:00:00', { zone: 'Australia/Perth' });
		const changed = emulator.data.invoices[4];
		const saved = emulator.data.invoices.map((i) => i.updatedAt);
		try {
			for (const invoice of emulator.data.invoices)
				invoice.updatedAt = since.minus({ days: 1 }).toUTC().toISO();
			changed.updatedAt = since.plus({ minutes: 1 }).toUTC().toISO();
			const result = await getMany({
				returnAll: true,
				simplify: false,
				options: { updatedSince: '2026-03-02T10:00:00+08:00' },
			});
			expect(result.error).toBeUndefined();
			const rows = jsonOf(result.output('coreplus'));
			expect(rows.map((r) => r.invoiceId)).toEqual([changed.invoiceId]);
			const [request] = emulator.apiRequests('invoice');
			expect(request.url).toContain('updatedSince=2026-03-02%2013%3A00%3A00%2B1100');
			expect(request.query.get('updatedSince')).toBe('2026-03-02 13:00:00+1100');
		} finally {
			emulator.data.invoices.forEach((invoice, index) => (invoice.updatedAt = saved[index]));
		}
	});

	test("a wall-clock time is the practice's: with several zones, the earliest reading", async () => {
		const { emulator } = env;
		const result = await getMany({
			limit: 1,
			simplify: false,
			options: { updatedSince: '2026-07-01T09:00:00' },
		});
		expect(result.error).toBeUndefined();
		// The practice has locations from Sydney to Perth: 09:00 in Sydney (+10:00) is the earliest.
		expect(emulator.apiRequests('invoice')[0].query.get('updatedSince')).toBe(
			'2026-07-01 09:00:00+1000',
		);
	});

	test('the emulator refuses a + that arrives as a space, naming the cause', async () => {
		// A raw request (not through the node) whose + is not encoded; signing is skipped here only.
		const raw = await new CoreplusEmulator({ skipVerification: true, rateLimit: false }).start();
		try {
			const answer = await fetch(
				`${raw.url}/API/Core/v2/invoice/?updatedSince=2026-03-02%2013:00:00+1100`,
				{ headers: { 'content-type': 'application/json' } },
			);
			expect(answer.status).toBe(400);
			expect(JSON.stringify(await answer.json())).toContain('must be sent URL-encoded (%2B)');
		} finally {
			await raw.stop();
		}
	});
});

describe('Invoice → Get', () => {
	test('reads the flat record with the documented flags', async () => {
		const { emulator } = env;
		const invoice = emulator.data.invoices[1];
		const result = await runCoreplus(emulator, {
			resource: 'invoice',
			operation: 'get',
			invoiceId: invoice.invoiceId,
			options: { includeLocationId: true },
			simplify: false,
		} as never);
		expect(result.error).toBeUndefined();
		const [row] = jsonOf(result.output('coreplus'));
		expect(row).toMatchObject({
			invoiceId: invoice.invoiceId,
			amountOwing: moneyText(owingCents(invoice, emulator.data.payments)),
			locked: invoice.locked,
			locationId: invoice.locationId,
		});
		const [request] = emulator.apiRequests(`invoice/${String(invoice.invoiceId).toLowerCase()}`);
		expect(request.path).toBe(`invoice/${String(invoice.invoiceId)}`);
		expect(request.query.toString()).toBe('getLocationId=true');
	});
});
