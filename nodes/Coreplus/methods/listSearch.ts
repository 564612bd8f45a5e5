import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../transport/paginate';
import { coreplusRequest } from '../transport/request';

/**
 * The client picker. coreplus documents no search filter on `GET Client/` (only paging), so the
 * search is done here: pages are read in order and filtered on the client's names (and id), and
 * `paginationToken` is the next page number to read. Without a search text each call returns one
 * page; with one, pages are scanned (a few at a time, paced by the shared rate limiter) until
 * enough matches are found or the scan budget is spent, so a call never runs long.
 */
const PAGES_PER_BATCH = 5;
const MAX_PAGES_PER_CALL = 20;
const ENOUGH_MATCHES = 20;

interface ClientPage {
	clients?: IDataObject[];
	paging?: { totalRows?: number };
}

/** Lower case without accents, so "zoe" finds "Zoë" and "garcia" finds "García". */
function fold(value: unknown): string {
	return typeof value === 'string' ? value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase() : '';
}

export function clientMatches(client: IDataObject, filter: string): boolean {
	const words = fold(filter).split(/\s+/).filter(Boolean);
	if (!words.length) return true;
	const haystack = [client.firstName, client.preferredName, client.middleName, client.lastName].map(fold).join(' ');
	if (fold(client.clientId) === fold(filter.trim())) return true;
	return words.every((word) => haystack.includes(word));
}

export function clientLabel(client: IDataObject): string {
	const preferred = typeof client.preferredName === 'string' && client.preferredName.trim() ? ` (${client.preferredName.trim()})` : '';
	const name = [client.firstName, client.lastName].filter((part) => typeof part === 'string' && part.trim()).join(' ');
	const born = typeof client.dateOfBirth === 'string' ? client.dateOfBirth.slice(0, 10) : '';
	return `${name || String(client.clientId)}${preferred}${born ? `, born ${born}` : ''}`;
}

export async function searchClients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const firstPage = Math.max(1, Number.parseInt(paginationToken ?? '1', 10) || 1);
	const searching = Boolean(filter?.trim());
	const results: INodeListSearchItems[] = [];
	let nextPage: number | undefined = firstPage;

	while (nextPage !== undefined && nextPage - firstPage < MAX_PAGES_PER_CALL) {
		const start: number = nextPage;
		const batchSize = searching ? Math.min(PAGES_PER_BATCH, MAX_PAGES_PER_CALL - (start - firstPage)) : 1;
		const pageNumbers: number[] = Array.from({ length: batchSize }, (_, offset) => start + offset);
		const pages: ClientPage[] = await Promise.all(
			pageNumbers.map(async (pageNumber) =>
				await coreplusRequest<ClientPage>(this, {
					method: 'GET',
					endpoint: 'Client/',
					query: { pageNumber, pageSize: MAX_PAGE_SIZE },
				}),
			),
		);
		for (const page of pages) {
			for (const client of page?.clients ?? []) {
				if (searching && !clientMatches(client, filter!)) continue;
				results.push({ name: clientLabel(client), value: String(client.clientId) });
			}
		}
		const last = pageNumbers[pageNumbers.length - 1];
		const totalRows = pages[0]?.paging?.totalRows;
		const lastPageRows = pages[pages.length - 1]?.clients?.length ?? 0;
		const more = typeof totalRows === 'number' ? last * MAX_PAGE_SIZE < totalRows : lastPageRows === MAX_PAGE_SIZE;
		nextPage = more ? last + 1 : undefined;
		if (!searching || results.length >= ENOUGH_MATCHES) break;
	}
	return { results, paginationToken: nextPage === undefined ? undefined : String(nextPage) };
}
