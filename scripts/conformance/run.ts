/* `npm run conformance`: checks the node's assumptions against a coreplus server (COREPLUS_* variables, as for the demo; the bundled emulator when unset). */
import '../../harness/setup';

import { demoTarget } from '../demo/target';
import { parseArguments, USAGE } from './arguments';
import { runConformance, skewNote, type CheckRow } from './checks';
import { seedTomorrowsAppointment } from './emulatorSeed';
import { bookAndReadBack, sendOneFile } from './writes';
import { payAndReadBack } from './invoiceChecks';
import { uploadOneClientFile } from './clientFile';

function table(rows: CheckRow[]): string {
	const header: CheckRow = {
		endpoint: 'Endpoint',
		status: 'HTTP',
		keys: 'Top-level keys',
		verdict: 'Inferred shape' as never,
		node: 'What the node does',
		evidence: 'Public evidence checked',
	};
	const columns: Array<keyof CheckRow> = [
		'endpoint',
		'status',
		'keys',
		'verdict',
		'evidence',
		'node',
	];
	const widths = columns.map((column) =>
		Math.max(...[header, ...rows].map((row) => String(row[column] ?? '-').length)),
	);
	const line = (row: CheckRow) =>
		columns
			.map((column, index) =>
				index === columns.length - 1
					? row[column]
					: String(row[column] ?? '-').padEnd(widths[index]),
			)
			.join(' | ');
	return [
		line(header),
		widths.map((width, index) => '-'.repeat(index === columns.length - 1 ? 18 : width)).join('-|-'),
		...rows.map(line),
	].join('\n');
}

async function main() {
	const options = parseArguments(process.argv.slice(2));
	if (options.help) return console.log(USAGE);
	const target = await demoTarget();
	try {
		if (!options.file !== !options.client)
			throw new Error(`--file and --client go together\n${USAGE}`);
		if (options.envelopes.length && !target.emulator)
			throw new Error('--envelope only applies to the bundled emulator (unset COREPLUS_*)');
		if (target.emulator) seedTomorrowsAppointment(target.emulator);
		for (const envelope of options.envelopes) target.emulator!.envelopes.set(envelope);
		console.log(`coreplus conformance check against ${target.description}\n`);
		const report = await runConformance(target.credentials);
		const rows = [...report.rows];
		if (options.book) rows.push(...(await bookAndReadBack(target.credentials)));
		if (options.message) rows.push(await sendOneFile(target.credentials, options.message));
		if (options.pay) rows.push(...(await payAndReadBack(target.credentials, options.pay)));
		if (options.file && options.client) {
			const stored = target.emulator?.data.clientFiles;
			const readBack = stored && ((sha256: string) => stored.find((f) => f.sha256 === sha256));
			rows.push(
				await uploadOneClientFile(target.credentials, options.file, options.client, readBack),
			);
		}
		console.log(table(rows));
		console.log(`\nToken: ${report.tokenNote}`);
		console.log(`Clock skew: ${skewNote(report.clockSkewSeconds)}`);
		const failed = rows.filter(
			(row) => row.verdict === 'FAILS' || (options.strict && row.verdict === 'differs, adapted'),
		);
		if (!report.tokenAccepted || failed.length) {
			const named = failed.map((row) => row.endpoint).join(', ');
			console.log(
				`\nFAILED: ${report.tokenAccepted ? '' : 'the token was refused; '}${named ? `assumptions do not hold for ${named}` : ''}`,
			);
			process.exitCode = 1;
		} else {
			console.log('\nEvery assumption the node makes holds for this server.');
		}
	} finally {
		await target.stop();
	}
}

main().catch((error: Error) => {
	console.error(`Conformance check failed: ${error.message}`);
	process.exitCode = 1;
});
