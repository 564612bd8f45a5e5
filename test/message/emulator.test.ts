import { request } from 'node:http';

import FormData from 'form-data';

import { readCredentials } from '../../nodes/Coreplus/transport/credentials';
import { signRequestToken } from '../../nodes/Coreplus/transport/signing';
import { useEmulator } from '../../harness/helpers';
import { PDF, storedMessages } from '../support/messageFixtures';

/* The emulator's Message route on its own: what it accepts and how it refuses, in coreplus' error shape. */
const env = useEmulator();

async function post(form: FormData, headers: Record<string, string> = {}) {
	const { emulator } = env;
	const url = `${emulator.url}/API/Core/v2/Message/`;
	const token = signRequestToken(readCredentials(emulator.credentials()), url, 'POST');
	const body = form.getBuffer();
	return await new Promise<{
		status: number;
		json: { result?: Array<{ severity: number; reason: string }> };
	}>((resolve, reject) => {
		const req = request(
			url,
			{
				method: 'POST',
				headers: {
					...form.getHeaders(),
					'content-length': String(body.length),
					Authorization: `JwToken ${token}`,
					...headers,
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode!,
						json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

function message(
	files: Array<{ name: string; bytes: Buffer; declaredSize?: number }>,
	extra: Record<string, unknown> = {},
) {
	const form = new FormData();
	// form-data's own part header: `filename="<raw UTF-8>"`, no filename* (browsers send the same).
	for (const file of files)
		form.append('file', file.bytes, { filename: file.name, contentType: 'application/pdf' });
	const messageData = {
		Header: { SendingFacility: 'Tests' },
		MessageContents: files.map((f) => ({
			AttachedFileDetails: { Size: f.declaredSize ?? f.bytes.length, Name: f.name },
		})),
		...extra,
	};
	form.append('messageData', JSON.stringify(messageData), {
		contentType: 'text/plain; charset=utf-8',
	});
	return form;
}

test("accepts form-data's default part header with a raw UTF-8 file name", async () => {
	const answer = await post(message([{ name: 'Überweisung für Zoë.pdf', bytes: PDF.bytes }]));
	expect(answer.status).toBe(200);
	expect(storedMessages(env.emulator).at(-1)?.files[0]).toMatchObject({
		name: 'Überweisung für Zoë.pdf',
		size: PDF.bytes.length,
	});
});

test.each([
	[
		'a Size that is not the real byte count',
		message([{ name: 'a.pdf', bytes: PDF.bytes, declaredSize: PDF.bytes.length + 1 }]),
		/Size \d+ for "a.pdf" does not match the \d+ bytes uploaded/,
	],
	[
		'a described file that was not uploaded',
		message([{ name: 'a.pdf', bytes: PDF.bytes }], {
			MessageContents: [{ AttachedFileDetails: { Size: 3, Name: 'b.pdf' } }],
		}),
		/names "b.pdf" but no file part/,
	],
	[
		'a field name in another casing',
		message([{ name: 'a.pdf', bytes: PDF.bytes }], { Client: { FirstName: 'Harriet' } }),
		/Client.FirstName is not a documented field/,
	],
	[
		'a gender outside the documented list',
		message([{ name: 'a.pdf', bytes: PDF.bytes }], { Client: { Gender: 'X' } }),
		/Client.Gender must be one of/,
	],
	[
		'no sending facility',
		message([{ name: 'a.pdf', bytes: PDF.bytes }], { Header: {} }),
		/Header.SendingFacility is required/,
	],
	['no file', message([]), /MessageContents is required/],
])('refuses %s with 400 and a reason', async (_, form, reason) => {
	const answer = await post(form);
	expect(answer.status).toBe(400);
	expect(answer.json.result?.[0].severity).toBe(2);
	expect(answer.json.result?.[0].reason).toMatch(reason);
});

test('refuses an upload without the messageData part', async () => {
	const form = new FormData();
	form.append('file', PDF.bytes, { filename: 'a.pdf' });
	const answer = await post(form);
	expect(answer.status).toBe(400);
	expect(answer.json.result?.[0].reason).toBe('The messageData part is required');
});
