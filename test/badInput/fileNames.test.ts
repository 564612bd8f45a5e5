import type { INodeParameters } from 'n8n-workflow';

import { runCoreplus, useEmulator } from '../../harness/helpers';
import { addHarriet, itemWith, PDF } from '../support/messageFixtures';

/**
 * File names coreplus (.NET on Windows) would refuse or file under another name are refused before
 * anything is sent, by Message → Send and Client File → Upload alike, naming the file and the rule,
 * whether the name came with the file (an email attachment) or was typed under File Names.
 */
const env = useEmulator();

const operations: Array<[string, () => INodeParameters]> = [
	['Message → Send', () => ({ resource: 'message', operation: 'send', sendingFacility: 'Inbox' })],
	[
		'Client File → Upload',
		() => ({
			resource: 'clientFile',
			operation: 'upload',
			clientId: { __rl: true, mode: 'id', value: addHarriet(env.emulator) },
		}),
	],
];

const names: Array<[string, string, RegExp]> = [
	['a lone surrogate', 'scan\uD800.pdf', /lone surrogate/],
	['two dots', '..', /only dots/],
	['a colon', 'letter.pdf:hidden', /contains a colon/],
	['a trailing dot', 'letter.pdf.', /ends with a dot or a space/],
	[
		'3,000 non-ASCII characters',
		`${'ü'.repeat(3000)}.pdf`,
		/too long: the file's part header .* would exceed the 16384 bytes/,
	],
];

describe.each(operations)('%s', (_, parameters) => {
	test.each(names)(
		'a name with %s is refused before any request',
		async (_rule, fileName, rule) => {
			const { emulator } = env;
			const result = await runCoreplus(emulator, parameters(), {
				input: [itemWith({ data: { ...PDF, fileName } })],
			});
			expect(result.error?.message).toMatch(
				/^Invalid "File Names" in item 0: the name .* of the file in binary property "data" cannot be sent: /,
			);
			expect(result.error?.message).toMatch(rule);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	test('a name typed under File Names is held to the same rules', async () => {
		const { emulator } = env;
		const result = await runCoreplus(
			emulator,
			{
				...parameters(),
				options: { fileNames: { files: [{ binaryProperty: 'data', fileName: 'a:b.pdf' }] } },
			},
			{ input: [itemWith({ data: PDF })] },
		);
		expect(result.error?.message).toMatch(/the name "a:b.pdf" .* contains a colon/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a long name that fits the header is sent', async () => {
		const { emulator } = env;
		const fileName = `${'ü'.repeat(600)}.pdf`;
		const result = await runCoreplus(emulator, parameters(), {
			input: [itemWith({ data: { ...PDF, fileName } })],
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.filter((r) => !r.overRateLimit).map((r) => r.status)).toEqual([200]);
	});
});
