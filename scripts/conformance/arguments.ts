/* `npm run conformance`'s command line: the usage it prints is the one it accepts (test/conformance). */
import type { EnvelopeVariant } from '../../emulator/envelopes';
import { parsePaySpec, type PaySpec } from './invoiceChecks';

export const USAGE = `Usage: npm run conformance -- [--book] [--message FILE] [--pay INVOICE:LINE:METHOD:AMOUNT] [--file FILE] [--client ID] [--strict] [--envelope PATH=VARIANT]
  Read-only by default. Against your server when all four COREPLUS_* variables are set
  (COREPLUS_BASE_URL, COREPLUS_CONSUMER_ID, COREPLUS_CONSUMER_SECRET, COREPLUS_ACCESS_TOKEN),
  against the bundled emulator when none is.
  --book               make ONE real booking (first free slot in the next 7 days), read it back,
                       reschedule it, cancel it and read it back (names the cancel form taken)
  --message FILE       send that file as one message
  --pay INVOICE:LINE:METHOD:AMOUNT  record ONE real payment of AMOUNT (e.g. 1.00) on that invoice
                       line (LINE empty: its only line) by that payment method ID, dated today,
                       and read it back; an identical payment already there is not paid again
  --file FILE          with --client ID: upload that file into that client's files (POST File/)
                       and report what was written (the page documents no way to read it back)
  --client ID          the client whose files --file writes to
  --strict             also fail on an answer the node only reads by adapting
  --envelope PATH=VARIANT  switch the bundled emulator's answer shape, e.g. appointmenttype=ambiguous,
                       to see a failure
  --help               print this and exit`;

export function parseArguments(argv: string[]) {
	const options = {
		help: false,
		book: false,
		strict: false,
		message: undefined as string | undefined,
		pay: undefined as PaySpec | undefined,
		file: undefined as string | undefined,
		client: undefined as string | undefined,
		envelopes: [] as Array<{ path: string; variant: EnvelopeVariant }>,
	};
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--help' || argument === '-h') options.help = true;
		else if (argument === '--book') options.book = true;
		else if (argument === '--strict') options.strict = true;
		else if (argument === '--message' && argv[index + 1]) options.message = argv[++index];
		else if (argument === '--pay' && parsePaySpec(argv[index + 1] ?? ''))
			options.pay = parsePaySpec(argv[++index]);
		else if (argument === '--file' && argv[index + 1]) options.file = argv[++index];
		else if (argument === '--client' && argv[index + 1]) options.client = argv[++index];
		else if (argument === '--envelope' && /^[\w/*]+=\w+$/.test(argv[index + 1] ?? '')) {
			const [path, variant] = argv[++index].split('=');
			options.envelopes.push({ path: path.toLowerCase(), variant: variant as EnvelopeVariant });
		} else throw new Error(`Unknown argument "${argument}"\n${USAGE}`);
	}
	return options;
}
