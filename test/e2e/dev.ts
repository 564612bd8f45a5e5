/*
 * `npm run dev`: the coreplus emulator and the n8n editor (the pinned CLI) with this package
 * installed as a community package, a credential pointing at the emulator and every example
 * workflow imported. A fresh n8n user folder each time; removed on Ctrl+C.
 */
import { applyArrangement } from './arrange';
import { DEV_OWNER, startEditor, type RunningEditor } from './editor';
import { allExamples, arrangementOf } from './workflows';

const EMULATOR_PORT = Number(process.env.COREPLUS_EMULATOR_PORT ?? 8787);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);

async function main(): Promise<void> {
	let editor: RunningEditor | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		await editor?.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		editor = await startEditor({
			workflows: allExamples(),
			n8nPort: N8N_PORT,
			emulatorPort: EMULATOR_PORT,
			log: (text) => console.log(`[dev] ${text}`),
		});
		const { child, logFile, base, emulator } = editor;
		// The diary examples expect (e.g. tomorrow's appointments for the daily reminders).
		for (const example of allExamples()) applyArrangement(emulator.data, arrangementOf(example));
		child.on('exit', (code) => {
			if (!stopping) console.error(`[dev] n8n exited (${code}); see ${logFile}`);
			void stop(code ?? 1);
		});
		const credentials = emulator.credentials();
		console.log(`
  n8n editor:        ${base}   (log in: ${DEV_OWNER.email} / ${DEV_OWNER.password})
  coreplus emulator: ${emulator.url}   (consumer ${credentials.consumerId})
  Imported:          the "coreplus emulator" credential and the example workflows (Overview page).
  Open "coreplus: book the first free slot from tomorrow", double-click a coreplus node, or click "Execute workflow".
  Stop with Ctrl+C (also removes this temporary n8n folder).
`);
	} catch (error) {
		console.error(`[dev] ${(error as Error).message}`);
		await stop(1);
	}
}

void main();
