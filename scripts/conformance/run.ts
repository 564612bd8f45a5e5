/* `npm run conformance`: checks the node's assumptions against a coreplus server (COREPLUS_* variables, as for the demo; the bundled emulator when unset). */
import '../../harness/setup';

import type { EnvelopeVariant } from '../../emulator/envelopes';
import { demoTarget } from '../demo/target';
import { runConformance, skewNote, type CheckRow } from './checks';
import { seedTomorrowsAppointment } from './emulatorSeed';
import { bookAndReadBack, sendOneFile } from './writes';

const USAGE = `npm run conformance [-- --book] [-- --message FILE] [-- --strict] [-- --envelope PATH=VARIANT]
  (read-only by default; --book books one real appointment, reads it back, reschedules and cancels it
   and reads it back, naming the cancel form the server takes; --message sends one file;
   --strict also fails on an answer the node only reads by adapting; --envelope switches the bundled
   emulator's answer shape, e.g. appointmenttype=ambiguous, to see a failure)`;

function parseArguments(argv: string[]) {
	const options = {
		book: false,
		strict: false,
		message: undefined as string | undefined,
		envelopes: [] as Array<{ path: string; variant: EnvelopeVariant }>,
	};
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--book') options.book = true;
		else if (argument === '--strict') options.strict = true;
		else if (argument === '--message' && argv[index + 1]) options.message = argv[++index];
		else if (argument === '--envelope' && /^[\w/*]+=\w+$/.test(argv[index + 1] ?? '')) {
			const [path, variant] = argv[++index].split('=');
			options.envelopes.push({ path: path.toLowerCase(), variant: variant as EnvelopeVariant });
		} else throw new Error(`Unknown argument "${argument}"\n${USAGE}`);
	}
	return options;
}

function table(rows: CheckRow[]): string {
	const header: CheckRow = {
		endpoint: 'Endpoint',
		status: 'HTTP',
		keys: 'Top-level keys',
		verdict: 'Inferred shape' as never,
		node: 'What the node does',
	};
	const columns: Array<keyof CheckRow> = ['endpoint', 'status', 'keys', 'verdict', 'node'];
	const widths = columns.map((column) =>
		Math.max(...[header, ...rows].map((row) => String(row[column]).length)),
	);
	const line = (row: CheckRow) =>
		columns
			.map((column, index) =>
				index === columns.length - 1 ? row[column] : String(row[column]).padEnd(widths[index]),
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
	const target = await demoTarget();
	try {
		if (options.envelopes.length && !target.emulator)
			throw new Error('--envelope only applies to the bundled emulator (unset COREPLUS_*)');
		if (target.emulator) seedTomorrowsAppointment(target.emulator);
		for (const envelope of options.envelopes) target.emulator!.envelopes.set(envelope);
		console.log(`coreplus conformance check against ${target.description}\n`);
		const report = await runConformance(target.credentials);
		const rows = [...report.rows];
		if (options.book) rows.push(...(await bookAndReadBack(target.credentials)));
		if (options.message) rows.push(await sendOneFile(target.credentials, options.message));
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
