/* Runs the coreplus emulator on its own so that n8n (or curl) can be pointed at it. */
import { CoreplusEmulator } from '../emulator/server';
import { shapesFromEnvironment } from '../emulator/shapes';

async function main() {
	const port = Number(process.env.COREPLUS_EMULATOR_PORT ?? 8787);
	const emulator = await new CoreplusEmulator({
		port,
		latencyMs: Number(process.env.COREPLUS_EMULATOR_LATENCY_MS ?? 0),
		// COREPLUS_EMULATOR_SHAPES=inferred serves the answer shapes inferred before the evidence.
		shapes: shapesFromEnvironment(),
	}).start();
	const credentials = emulator.credentials();
	console.log(`coreplus emulator listening on ${emulator.url}`);
	console.log('Demo credential for n8n (Coreplus API):');
	console.log(`  Environment:     Production (Customer API URL)`);
	console.log(`  API URL:         ${credentials.apiUrl}`);
	console.log(`  API Version:     ${credentials.apiVersion}`);
	console.log(`  Consumer ID:     ${credentials.consumerId}`);
	console.log(`  Consumer Secret: ${credentials.consumerSecret}   (demo value, emulator only)`);
	console.log(`  Access Token:    ${credentials.accessToken}   (demo value, emulator only)`);
	console.log('Press Ctrl+C to stop.');
	const stop = () => void emulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
