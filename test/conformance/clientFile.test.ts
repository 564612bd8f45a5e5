import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { useEmulator } from '../../harness/helpers';
import { uploadOneClientFile } from '../../scripts/conformance/clientFile';
import { addHarriet } from '../support/messageFixtures';

/** `npm run conformance -- --file FILE --client ID`: one upload, reported with what it wrote and read back. */
const env = useEmulator();
const file = join(tmpdir(), `conformance-file-${process.pid}.pdf`);
writeFileSync(file, '%PDF-1.4\n% conformance\n%%EOF\n');

const readBack = (sha256: string) =>
	env.emulator.data.clientFiles.find((stored) => stored.sha256 === sha256);

test.each(['record', 'empty', 'status'] as const)(
	'the upload holds against the emulator answering %s, naming the official page and what it wrote',
	async (fileAnswer) => {
		const { emulator } = env;
		emulator.data.clientFiles.length = 0;
		emulator.shapes.set({ fileAnswer });
		const clientId = addHarriet(emulator);
		const row = await uploadOneClientFile(emulator.credentials(), file, clientId, readBack);
		expect(row.endpoint).toMatch(
			/^POST File\/ \(--file; documented: Post Client Files \(File Upload\), developers\.coreplus\.com\.au\/api\/api-end-points\/client-files\/post-client-files-file-upload\/\)$/,
		);
		expect(row.verdict).toBe('holds');
		expect(row.node).toMatch(
			new RegExp(
				`^wrote "conformance-file-\\d+\\.pdf" \\(29 bytes, SHA-256 [0-9a-f]{12}…\\) to client ${clientId}; coreplus sent .*; read back: same name, size and bytes$`,
			),
		);
		expect(emulator.apiRequests('file')).toHaveLength(1);
		emulator.shapes.reset();
	},
);

test('a refused upload fails the row with the reason', async () => {
	const row = await uploadOneClientFile(
		env.emulator.credentials(),
		file,
		'0f0f0f0f-0000-4000-8000-000000000000',
		readBack,
	);
	expect(row.verdict).toBe('FAILS');
	expect(row.node).toMatch(/^fails: .*Client 0f0f0f0f-0000-4000-8000-000000000000 not found/);
});
