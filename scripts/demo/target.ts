import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CoreplusEmulator } from '../../emulator/server';
import { shapesFromEnvironment } from '../../emulator/shapes';

export interface DemoTarget {
	credentials: ICredentialDataDecryptedObject;
	description: string;
	emulator?: CoreplusEmulator;
	stop(): Promise<void>;
}

/** The four variables that point the demo (and `npm run conformance`) at a real coreplus server. */
export const SERVER_VARIABLES = [
	'COREPLUS_BASE_URL',
	'COREPLUS_CONSUMER_ID',
	'COREPLUS_CONSUMER_SECRET',
	'COREPLUS_ACCESS_TOKEN',
] as const;

/**
 * Which server variables are missing when some are set. A half-set account used to fall back to
 * the emulator without a word, so a user believed their sandbox had been checked.
 */
export function missingServerVariables(env: NodeJS.ProcessEnv = process.env): string[] {
	const missing = SERVER_VARIABLES.filter((name) => !env[name]);
	return missing.length === SERVER_VARIABLES.length ? [] : missing;
}

/**
 * The server the demo talks to: a coreplus account given by all four COREPLUS_* variables, the
 * bundled emulator when none is set, and an error naming the missing ones otherwise.
 */
export async function demoTarget(env: NodeJS.ProcessEnv = process.env): Promise<DemoTarget> {
	const missing = missingServerVariables(env);
	if (missing.length) {
		throw new Error(
			`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set all four of ${SERVER_VARIABLES.join(', ')} to use your coreplus server, or none of them to use the bundled emulator.`,
		);
	}
	if (env.COREPLUS_BASE_URL) return serverTarget(env);
	// COREPLUS_EMULATOR_SHAPES picks the answer shapes of the embedded emulator (emulator/shapes.ts).
	const emulator = await new CoreplusEmulator({ shapes: shapesFromEnvironment() }).start();
	return {
		credentials: emulator.credentials(),
		description: `the bundled coreplus emulator at ${emulator.url}`,
		emulator,
		stop: () => emulator.stop(),
	};
}

function serverTarget(env: NodeJS.ProcessEnv): DemoTarget {
	const baseUrl = env.COREPLUS_BASE_URL!;
	return {
		credentials: {
			environment: 'production',
			apiUrl: baseUrl,
			apiVersion: env.COREPLUS_API_VERSION ?? 'v2',
			consumerId: env.COREPLUS_CONSUMER_ID!,
			consumerSecret: env.COREPLUS_CONSUMER_SECRET!,
			accessToken: env.COREPLUS_ACCESS_TOKEN!,
		},
		description: `your coreplus server at ${new URL(baseUrl).origin}`,
		stop: async () => {},
	};
}
