/*
 * The receiving coreplus emulator for the upload benchmark, in its own process so that what it
 * receives never counts towards the measured process' memory. It streams uploads (size + SHA-256
 * per file, no buffering). Started by run.ts with fork(); talks over the IPC channel:
 * sends `{ credentials }` once listening, answers 'messages' with what it stored, exits on disconnect.
 */
import { CoreplusEmulator } from '../../emulator/server';

export interface StoredUpload {
	name: string;
	size: number;
	sha256: string;
}

async function main() {
	const emulator = await new CoreplusEmulator({ streamUploads: true, rateLimit: false }).start();
	process.send!({ credentials: emulator.credentials() });
	process.on('message', (message) => {
		if (message !== 'messages') return;
		const messages = emulator.data.messages.map((stored) =>
			(stored.files as StoredUpload[]).map(({ name, size, sha256 }) => ({ name, size, sha256 })),
		);
		emulator.data.messages.length = 0;
		process.send!({ messages });
	});
	process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
}

void main();
