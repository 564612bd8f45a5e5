import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { CheckRow } from './checks';
import { row, step } from './nodeStep';
import { fileItem } from './writes';

const UPLOAD =
	'POST File/ (--file; documented: Post Client Files (File Upload), developers.coreplus.com.au/api/api-end-points/client-files/post-client-files-file-upload/)';

/** The answer's shape in words: the page documents none, and the node takes any of these. */
function shapeOf(response: unknown): string {
	if (response === null || response === undefined) return 'an empty answer';
	if (typeof response !== 'object') return `a ${typeof response} answer`;
	const keys = Object.keys(response as IDataObject);
	return keys.length ? `an answer with keys ${keys.join(', ')}` : 'an empty object';
}

/**
 * `--file FILE --client ID`: one real upload into that client's files through the node, reported
 * with what was written (name, size, SHA-256, the answer's shape). No page documents a way to read
 * a client's files, so the row names what to look for; `readBack`, when given (the bundled
 * emulator), finds the stored file and compares its bytes.
 */
export async function uploadOneClientFile(
	credentials: ICredentialDataDecryptedObject,
	path: string,
	clientId: string,
	readBack?: (sha256: string) => Record<string, unknown> | undefined,
): Promise<CheckRow> {
	try {
		const { bytes, fileName, item } = fileItem(path);
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		const sent = await step(
			credentials,
			{
				resource: 'clientFile',
				operation: 'upload',
				clientId: { __rl: true, mode: 'id', value: clientId },
			},
			[item],
		);
		const wrote = `wrote "${fileName}" (${bytes.length} bytes, SHA-256 ${sha256.slice(0, 12)}…) to client ${clientId}; coreplus sent ${shapeOf(sent.items[0]?.response)}`;
		if (!readBack)
			return row(UPLOAD, {
				node: `${wrote}; check the client's files in coreplus`,
				hints: sent.hints,
			});
		const stored = readBack(sha256);
		const same = stored?.name === fileName && stored?.size === bytes.length;
		return row(UPLOAD, {
			node: same
				? `${wrote}; read back: same name, size and bytes`
				: `${wrote}; read back: not found`,
			hints: sent.hints,
			fails: !same,
		});
	} catch (error) {
		return row(UPLOAD, { node: `fails: ${(error as Error).message}`, fails: true });
	}
}
