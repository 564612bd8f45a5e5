import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

/**
 * A returning patient typed another way is matched, not created twice. Each row
 * is a client as coreplus holds them and the same person as a form typed them.
 */
const env = useEmulator();

interface Row {
	stored: { firstName: string; lastName: string; dateOfBirth?: string };
	typed: { firstName: string; lastName: string; dateOfBirth?: string };
}

const table: Record<string, Row> = {
	'typographic apostrophe typed, straight one stored': {
		stored: { firstName: 'Sean', lastName: "O'Brien" },
		typed: { firstName: 'Sean', lastName: 'O’Brien' },
	},
	'straight apostrophe typed, modifier letter apostrophe stored': {
		stored: { firstName: 'Sean', lastName: 'Oʼ Hara' },
		typed: { firstName: 'Sean', lastName: "O' Hara" },
	},
	'backtick typed': {
		stored: { firstName: 'Dee', lastName: "D'Arcy" },
		typed: { firstName: 'Dee', lastName: 'D`Arcy' },
	},
	'hyphen stored, space typed': {
		stored: { firstName: 'Mary-Jane', lastName: 'Watson' },
		typed: { firstName: 'Mary Jane', lastName: 'Watson' },
	},
	'en dash typed, hyphen stored': {
		stored: { firstName: 'Anne', lastName: 'Smith-Jones' },
		typed: { firstName: 'Anne', lastName: 'Smith–Jones' },
	},
	'zero-width space typed': {
		stored: { firstName: 'Zoe', lastName: 'Width' },
		typed: { firstName: 'Zo\u200Be', lastName: 'Width' },
	},
	'soft hyphen and BOM typed': {
		stored: { firstName: 'Bonnie', lastName: 'Softly' },
		typed: { firstName: '\uFEFFBon\u00ADnie', lastName: 'Soft\u200Dly' },
	},
	'dotted capital I typed (Turkish)': {
		stored: { firstName: 'ilker', lastName: 'Yilmaz' },
		typed: { firstName: 'İlker', lastName: 'Yilmaz' },
	},
	'dotless i stored (Turkish)': {
		stored: { firstName: 'Ilker', lastName: 'Yılmaz' },
		typed: { firstName: 'ILKER', lastName: 'YILMAZ' },
	},
	'full-width letters typed': {
		stored: { firstName: 'Mary', lastName: 'Wide' },
		typed: { firstName: 'Ｍａｒｙ', lastName: 'Ｗｉｄｅ' },
	},
	'date of birth as the UTC instant of local midnight in Sydney': {
		stored: { firstName: 'Ida', lastName: 'Instant', dateOfBirth: '1980-05-05T00:00:00' },
		typed: { firstName: 'Ida', lastName: 'Instant', dateOfBirth: '1980-05-04T14:00:00Z' },
	},
	'date of birth as an instant on the same day in every practice zone': {
		stored: { firstName: 'Ivo', lastName: 'Instant', dateOfBirth: '1980-05-05T00:00:00' },
		typed: { firstName: 'Ivo', lastName: 'Instant', dateOfBirth: '1980-05-04T20:00:00+00:00' },
	},
};

test.each(Object.entries(table))('%s: Find or Create matches, nothing created', async (_, row) => {
	const { emulator } = env;
	const dateOfBirth = row.stored.dateOfBirth ?? '1970-01-02T00:00:00';
	const clientId = `norm-${emulator.data.clients.length}`;
	emulator.data.clients.push({ ...emulator.data.clients[0], ...row.stored, dateOfBirth, clientId });
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'findOrCreate',
		...row.typed,
		dateOfBirth: row.typed.dateOfBirth ?? dateOfBirth.slice(0, 10),
		simplify: false,
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({ clientId, outcome: 'matched' });
	expect(emulator.apiRequests('client').filter((r) => r.method === 'POST')).toHaveLength(0);
	emulator.data.clients.pop();
});

test('accents still tell people apart: José is not Jose', async () => {
	const { emulator } = env;
	emulator.data.clients.push({
		...emulator.data.clients[0],
		clientId: 'accent-1',
		firstName: 'José',
		lastName: 'Accent',
		dateOfBirth: '1970-01-02T00:00:00',
	});
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'find',
		firstName: 'Jose',
		lastName: 'Accent',
		dateOfBirth: '1970-01-02',
	});
	expect(result.output('coreplus')).toEqual([]);
	emulator.data.clients.pop();
});

test("Create reads a date of birth instant in the practice's zone", async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'create',
		firstName: 'Cara',
		lastName: 'Created',
		dateOfBirth: '1980-05-04T14:00:00Z',
	});
	expect(result.error).toBeUndefined();
	const [post] = emulator.apiRequests('client').filter((r) => r.method === 'POST');
	expect(post.json).toMatchObject({ dateOfBirth: '1980-05-05' });
});

test("an instant that falls on different days in the practice's zones is refused, naming them", async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'client',
		operation: 'findOrCreate',
		firstName: 'Dot',
		lastName: 'Ambiguous',
		dateOfBirth: '1980-05-04T15:00:00Z',
	});
	expect(result.error?.message).toMatch(
		/^Invalid "Date of Birth" in item 0: 1980-05-04T15:00:00.000Z is an instant that falls on different days in the practice's time zones \(Australia\/Sydney: 1980-05-05, .*Australia\/Perth: 1980-05-04\)$/,
	);
	expect(result.error?.description).toBe('Allowed: a plain date, e.g. 1980-05-04');
	expect(emulator.apiRequests('client')).toHaveLength(0);
});
