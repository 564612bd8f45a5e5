import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { noticeFor } from '../helpers/output/notices';
import { MAX_PAGE_SIZE } from '../transport/paginate';
import { pageCountFor } from '../transport/pagePositions';
import { LISTS, readPage as readListPage } from '../transport/endpoints';
import type { ListPage } from '../transport/envelope';

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

/** Lower case without accents, so "zoe" finds "Zoë" and "garcia" finds "García". */
function fold(value: unknown): string {
	return typeof value === 'string'
		? value
				.normalize('NFD')
				.replace(/[\u0300-\u036f]/g, '')
				.toLowerCase()
		: '';
}

function clientMatches(client: IDataObject, filter: string): boolean {
	const words = fold(filter).split(/\s+/).filter(Boolean);
	if (!words.length) return true;
	const haystack = [client.firstName, client.preferredName, client.middleName, client.lastName]
		.map(fold)
		.join(' ');
	if (fold(client.clientId) === fold(filter.trim())) return true;
	return words.every((word) => haystack.includes(word));
}

function clientLabel(client: IDataObject): string {
	const preferred =
		typeof client.preferredName === 'string' && client.preferredName.trim()
			? ` (${client.preferredName.trim()})`
			: '';
	const name = [client.firstName, client.lastName]
		.filter((part) => typeof part === 'string' && part.trim())
		.join(' ');
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
	const readPage = async (pageNumber: number) =>
		await readListPage(this, LISTS.client, pageNumber, MAX_PAGE_SIZE, { notice: noticeFor(this) });
	const collect = (page: ListPage) => {
		for (const client of page.rows) {
			if (searching && !clientMatches(client, filter!)) continue;
			results.push({ name: clientLabel(client), value: String(client.clientId) });
		}
	};

	// The first page of the call tells how many pages exist, so later batches never read past the end.
	const first = await readPage(firstPage);
	collect(first);
	const totalRows = first.totalRows;
	// A server serving smaller pages than asked numbers its pages by its own size.
	const pageSize =
		first.pageSize && first.pageSize > 0 ? Math.min(first.pageSize, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
	const lastPage =
		typeof totalRows === 'number'
			? pageCountFor(totalRows, pageSize)
			: first.rows.length === pageSize
				? Infinity
				: firstPage;
	let nextPage = firstPage + 1;
	let reachedEnd = false;
	const budgetEnd = firstPage + MAX_PAGES_PER_CALL;
	while (
		searching &&
		results.length < ENOUGH_MATCHES &&
		nextPage <= lastPage &&
		nextPage < budgetEnd
	) {
		const batchEnd = Math.min(nextPage + PAGES_PER_BATCH, lastPage + 1, budgetEnd);
		const pageNumbers = Array.from(
			{ length: batchEnd - nextPage },
			(_, offset) => nextPage + offset,
		);
		const pages = await Promise.all(pageNumbers.map(readPage));
		pages.forEach(collect);
		nextPage = batchEnd;
		// Without a total, a short page is the last one.
		if (typeof totalRows !== 'number' && (pages[pages.length - 1]?.rows.length ?? 0) < pageSize) {
			reachedEnd = true;
			break;
		}
	}
	const more = !reachedEnd && nextPage <= lastPage;
	return { results, paginationToken: more ? String(nextPage) : undefined };
}
