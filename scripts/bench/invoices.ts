/*
 * The invoice row of `npm run bench` (also alone: `npx ts-node --transpile-only --prefer-ts-exts scripts/bench/invoices.ts`).
 * Lists 10,000 invoices with Invoice → Get Many (Return All, Simplify off) through n8n's engine
 * against the emulator (10 requests/s enforced, 300 ms round trip), against the API's ceiling.
 */
import '../../harness/setup';

import { CoreplusEmulator, REQUESTS_PER_SECOND } from '../../emulator/server';
import { runCoreplus } from '../../harness/helpers';

interface InvoiceRow {
	measure: string;
	result: string;
	ratio: string;
	target: string;
}

const INVOICES = 10_000;
const PAGE_SIZE = 100;

export async function invoiceBench(rows: InvoiceRow[], latencyMs = 300): Promise<void> {
	const emulator = await new CoreplusEmulator({ invoices: INVOICES, latencyMs }).start();
	try {
		const pages = Math.ceil(INVOICES / PAGE_SIZE);
		const ceilingMs = (pages / REQUESTS_PER_SECOND) * 1000;
		const started = performance.now();
		const run = await runCoreplus(emulator, {
			resource: 'invoice',
			operation: 'getMany',
			returnAll: true,
			simplify: false,
		});
		const ms = performance.now() - started;
		if (run.error) throw run.error;
		const listed = run.output('coreplus').length;
		if (listed !== INVOICES)
			throw new Error(`Invoice → Get Many returned ${listed} of ${INVOICES}`);
		rows.push({
			measure: `List ${INVOICES.toLocaleString('en')} invoices, Invoice → Get Many (${pages} pages)`,
			result: `${(ms / 1000).toFixed(2)} s, ${Math.round(INVOICES / (ms / 1000))} rows/s; ${emulator.rateLimitedCount} × 429`,
			ratio: `${(ceilingMs / ms).toFixed(2)} of ceiling`,
			target: '≥ 0.90 of ceiling',
		});
	} finally {
		await emulator.stop();
	}
}

if (require.main === module) {
	const rows: InvoiceRow[] = [];
	invoiceBench(rows).then(
		() => {
			console.table(rows);
			process.exit(0);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
