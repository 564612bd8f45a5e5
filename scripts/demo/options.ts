/* The demo's command line. Against a real server it books only what the user named and confirmed. */

export const DEMO_USAGE = `Usage: npm run demo -- [--book] [--any-client] [--any-location] [--help]
  Without COREPLUS_* variables the demo runs against the bundled emulator and books there.
  With all four (COREPLUS_BASE_URL, COREPLUS_CONSUMER_ID, COREPLUS_CONSUMER_SECRET,
  COREPLUS_ACCESS_TOKEN) it makes ONE real booking on your server, for the client
  COREPLUS_DEMO_CLIENT_ID at the location COREPLUS_DEMO_LOCATION_ID, after you type "book".
  --book          book without asking (for scripts)
  --any-client    allow the practice's first client when COREPLUS_DEMO_CLIENT_ID is not set
  --any-location  allow the first location the node can place when COREPLUS_DEMO_LOCATION_ID is not set`;

export interface DemoOptions {
	help: boolean;
	book: boolean;
	anyClient: boolean;
	anyLocation: boolean;
}

const FLAGS: Record<string, keyof DemoOptions> = {
	'--help': 'help',
	'-h': 'help',
	'--book': 'book',
	'--any-client': 'anyClient',
	'--any-location': 'anyLocation',
};

export function parseDemoArguments(argv: string[]): DemoOptions {
	const options: DemoOptions = { help: false, book: false, anyClient: false, anyLocation: false };
	for (const argument of argv) {
		const flag = FLAGS[argument];
		if (!flag) throw new Error(`Unknown argument "${argument}"\n${DEMO_USAGE}`);
		options[flag] = true;
	}
	return options;
}
