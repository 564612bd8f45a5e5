/*
 * The receiving coreplus emulator for the upload benchmark, in its own process so that what it
 * receives never counts towards the measured process' memory. It streams uploads (size + SHA-256
 * per file, no buffering). Started by run.ts with fork(); talks over the IPC channel:
 * sends `{ credentials, clientId }` once listening, answers 'stored' with what it stored (each message's
 * files, or a client file as a one-file list), exits on disconnect.
 */
import { CoreplusEmulator } from '../../emulator/server';

export interface StoredUpload {
	name: string;
	size: number;
	sha256: string;
}

async function main() {
	const emulator = await new CoreplusEmulator({ streamUploads: true, rateLimit: false }).start();
	const clientId = emulator.data.clients[0].clientId;
	process.send!({ credentials: emulator.credentials(), clientId });
	const plain = (files: StoredUpload[]) =>
		files.map(({ name, size, sha256 }) => ({ name, size, sha256 }));
	process.on('message', (message) => {
		if (message !== 'stored') return;
		const stored = [
			...emulator.data.messages.map((row) => plain(row.files as StoredUpload[])),
			...emulator.data.clientFiles.map((row) => plain([row as unknown as StoredUpload])),
		];
		emulator.data.messages.length = 0;
		emulator.data.clientFiles.length = 0;
		process.send!({ stored });
	});
	process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
}

void main();
