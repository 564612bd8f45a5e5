import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CoreplusEmulator } from '../../emulator/server';
import { shapesFromEnvironment } from '../../emulator/shapes';

export interface DemoTarget {
	credentials: ICredentialDataDecryptedObject;
	description: string;
	emulator?: CoreplusEmulator;
	stop(): Promise<void>;
}

/**
 * The server the demo talks to: a coreplus account given by COREPLUS_* environment variables,
 * or else the bundled emulator.
 */
export async function demoTarget(): Promise<DemoTarget> {
	const {
		COREPLUS_BASE_URL,
		COREPLUS_CONSUMER_ID,
		COREPLUS_CONSUMER_SECRET,
		COREPLUS_ACCESS_TOKEN,
	} = process.env;
	if (
		COREPLUS_BASE_URL &&
		COREPLUS_CONSUMER_ID &&
		COREPLUS_CONSUMER_SECRET &&
		COREPLUS_ACCESS_TOKEN
	) {
		return {
			credentials: {
				environment: 'production',
				apiUrl: COREPLUS_BASE_URL,
				apiVersion: process.env.COREPLUS_API_VERSION ?? 'v2',
				consumerId: COREPLUS_CONSUMER_ID,
				consumerSecret: COREPLUS_CONSUMER_SECRET,
				accessToken: COREPLUS_ACCESS_TOKEN,
			},
			description: `your coreplus server at ${new URL(COREPLUS_BASE_URL).origin}`,
			stop: async () => {},
		};
	}
	// COREPLUS_EMULATOR_SHAPES picks the answer shapes of the embedded emulator (emulator/shapes.ts).
	const emulator = await new CoreplusEmulator({ shapes: shapesFromEnvironment() }).start();
	return {
		credentials: emulator.credentials(),
		description: `the bundled coreplus emulator at ${emulator.url}`,
		emulator,
		stop: () => emulator.stop(),
	};
}
