import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { jsonOf, runWorkflow } from '../../harness/engine';
import { useEmulator } from '../../harness/helpers';
import { addHarriet, sha256, storedMessages } from '../support/messageFixtures';

const env = useEmulator();
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const SAMPLE = join(EXAMPLES, 'files', 'referral-letter.pdf');

test('example: a referral letter read from disk is filed in coreplus for its client and reception gets an email', async () => {
	const { emulator } = env;
	const clientId = addHarriet(emulator);
	const workflow = JSON.parse(
		readFileSync(join(EXAMPLES, 'send-referral-letter.json'), 'utf8'),
	) as { nodes: INode[]; connections: IConnections };
	// The example points at a path in a real n8n's allowed files folder; here it reads the sample next to it.
	const nodes = workflow.nodes.map((n) =>
		n.type === 'n8n-nodes-base.readWriteFile'
			? { ...n, parameters: { ...n.parameters, fileSelector: SAMPLE } }
			: n,
	);

	const result = await runWorkflow({
		nodes,
		connections: workflow.connections,
		credentials: { coreplusApi: emulator.credentials() as never },
	});
	expect(result.error).toBeUndefined();

	const bytes = readFileSync(SAMPLE);
	const [stored] = storedMessages(emulator);
	expect(stored.files).toMatchObject([
		{
			name: 'referral-letter.pdf',
			mimeType: 'application/pdf',
			size: bytes.length,
			sha256: sha256(bytes),
		},
	]);
	expect(stored.client).toEqual({ matched: true, matchedBy: 'nameAndDateOfBirth', clientId });
	expect(stored.practitionerTo).toMatchObject({ matched: true, matchedBy: 'name' });
	expect(stored.practitionerFrom).toMatchObject({
		matched: true,
		matchedBy: 'nameAndProviderNumber',
	});
	expect(stored.messageData).toMatchObject({
		Header: { SendingFacility: 'Referral inbox (n8n)' },
		Client: { Gender: 'Female', DateOfBirth: '1984-05-07' },
	});

	const [email] = jsonOf(result.output('Tell reception'));
	expect(email.toEmail).toBe('reception@clinic.example');
	expect(email.subject).toBe('Referral filed in coreplus: referral-letter.pdf');
	expect(email.text).toContain(
		`coreplus message ${stored.messageId} holds 1 file(s) (${bytes.length} bytes).`,
	);
	expect(email.text).toContain('Client matched: true. Practitioner matched: true.');
});
