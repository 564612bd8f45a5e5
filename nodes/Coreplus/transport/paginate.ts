import type { IDataObject } from 'n8n-workflow';

import { coreplusRequest, type CoreplusContext, type CoreplusRequest } from './request';

/** Largest page coreplus serves ("max 100 at the time of writing"). */
export const MAX_PAGE_SIZE = 100;
// Enough requests in flight to keep the rate limiter busy at a ~300 ms round trip.
const PAGE_CONCURRENCY = 6;

interface PageEnvelope extends IDataObject {
	paging?: { pageNumber?: number; pageSize?: number; totalRows?: number };
}

/**
 * Lists every row (or the first `limit`) of a paged endpoint. The first page tells `totalRows`;
 * the remaining pages are then fetched concurrently (the shared rate limiter paces them) and
 * joined in the API's order.
 */
export async function coreplusRequestAllItems(
	context: CoreplusContext,
	request: Omit<CoreplusRequest, 'method'>,
	dataKey: string,
	limit?: number,
): Promise<IDataObject[]> {
	const wanted = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
	const pageSize = Math.min(MAX_PAGE_SIZE, Number.isFinite(wanted) ? Math.max(wanted, 1) : MAX_PAGE_SIZE);
	const fetchPage = async (pageNumber: number) => {
		const envelope = await coreplusRequest<PageEnvelope>(context, {
			...request,
			method: 'GET',
			query: { ...request.query, pageNumber, pageSize },
		});
		const rows = envelope?.[dataKey];
		return { rows: Array.isArray(rows) ? (rows as IDataObject[]) : [], paging: envelope?.paging };
	};

	const first = await fetchPage(1);
	const totalRows = first.paging?.totalRows;
	if (typeof totalRows !== 'number') return first.rows.slice(0, wanted);
	const pageCount = Math.ceil(Math.min(totalRows, wanted) / pageSize);

	const pages: IDataObject[][] = [first.rows];
	let nextPage = 2;
	const worker = async () => {
		while (nextPage <= pageCount) {
			const pageNumber = nextPage++;
			pages[pageNumber - 1] = (await fetchPage(pageNumber)).rows;
		}
	};
	await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, pageCount - 1) }, worker));
	return pages.flat().slice(0, wanted);
}
