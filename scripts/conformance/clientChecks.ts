import type { IDataObject } from 'n8n-workflow';

import { fetchClient } from '../../nodes/Coreplus/helpers/clients/fetchClient';
import { LISTS, readPage } from '../../nodes/Coreplus/transport/endpoints';
import type { ProbeContext } from './probeContext';
import { check, type CheckRow } from './checks';

// Where each checked shape comes from (coreplus-api.md §5a).
const EVIDENCE = {
	name: 'evidence: lewisjluck/CPApp app.py (2020), GET Client/?name= for autocomplete',
	field:
		'evidence: toto1384/peterScheduling (2025), GET client?Field=phonenumbermobile&Field=email',
	get: 'evidence: lewisjluck/CPApp app.py (2020), GET Client/<id> answering the bare record',
};

const text = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : '');
const namesOf = (row: IDataObject) =>
	[row.firstName, row.lastName, row.preferredName].map(text).join(' ');

/** The name search: the node applies its own rule to the answer and confirms "nobody" from the full list. */
async function nameSearchRow(probe: ProbeContext, client: IDataObject): Promise<CheckRow> {
	const fragment = String(client.lastName);
	const { row } = await check(
		probe,
		`GET Client/?name=${fragment}`,
		() =>
			readPage(probe.context, LISTS.client, 1, 100, {
				query: { name: fragment },
				maxRetries: 1,
				notice: probe.notice,
			}),
		(page) => {
			const found = page.rows.some((r) => r.clientId === client.clientId);
			const narrowed = page.rows.every((r) => namesOf(r).includes(fragment.toLowerCase()));
			const node =
				found && narrowed
					? `narrows to ${page.rows.length} row(s) naming "${fragment}": Find matches in one request`
					: `answers ${page.rows.length} row(s)${found ? '' : ', not the client named'}${narrowed ? '' : ', not all naming it'}: the filter means something else here, Find and Find or Create confirm from the full list`;
			return { node: `${node} (${EVIDENCE.name})` };
		},
	);
	return row.verdict === 'holds' && !row.node.startsWith('narrows')
		? { ...row, verdict: 'differs, adapted' }
		: row;
}

/**
 * Extra list fields: "Also Match On" needs `email` and `phoneNumberMobile` on the rows. Rows without
 * them cannot tell a server that ignores `Field` from clients with none recorded, so this only reports.
 */
async function fieldRow(probe: ProbeContext): Promise<CheckRow> {
	const query = { Field: ['email', 'phonenumbermobile'] };
	const { row } = await check(
		probe,
		'GET Client/?Field=email&Field=phonenumbermobile',
		() =>
			readPage(probe.context, LISTS.client, 1, 100, { query, maxRetries: 1, notice: probe.notice }),
		(page) => {
			const carried = ['email', 'phoneNumberMobile'].filter((field) =>
				page.rows.some((r) => field in r),
			);
			return {
				node: carried.length
					? `rows carry ${carried.join(', ')}: Also Match On compares them (${EVIDENCE.field})`
					: `no row of page 1 carries email or phoneNumberMobile (none recorded, or Field not understood): Also Match On rules nobody out by them (${EVIDENCE.field})`,
			};
		},
	);
	return row;
}

/** `GET Client/{id}`: Client → Get. */
async function getRow(probe: ProbeContext, clientId: string): Promise<CheckRow> {
	const { row } = await check(
		probe,
		'GET Client/{id}',
		() => fetchClient(probe.context, clientId, { maxRetries: 1 }),
		(client) => {
			const body = probe.exchanges[probe.exchanges.length - 1]?.body as IDataObject | undefined;
			const bare = !!body && 'firstName' in body;
			return {
				node: `${bare ? 'the bare record' : 'a wrapped record'} of ${String(client.firstName)} ${String(client.lastName)}: Client → Get reads it (${EVIDENCE.get})`,
			};
		},
	);
	return row.verdict === 'holds' && row.node.startsWith('a wrapped')
		? { ...row, verdict: 'differs, adapted' }
		: row;
}

/** The client search (`name`, `Field`) and `GET Client/{id}`, read-only, from a client of the list. */
export async function clientSearchRows(
	probe: ProbeContext,
	clients: IDataObject[],
): Promise<CheckRow[]> {
	const client = clients.find((row) => row.clientId && typeof row.lastName === 'string');
	const skipped = (endpoint: string): CheckRow => ({
		endpoint,
		status: '-',
		keys: '-',
		verdict: 'skipped',
		node: 'no client with an id and a last name on page 1 of the client list',
	});
	if (!client)
		return [
			skipped('GET Client/?name='),
			skipped('GET Client/?Field='),
			skipped('GET Client/{id}'),
		];
	return [
		await nameSearchRow(probe, client),
		await fieldRow(probe),
		await getRow(probe, String(client.clientId)),
	];
}
