import type { IDataObject } from 'n8n-workflow';

import { coreplusRequest, type CoreplusContext, type CoreplusRequest } from './request';

/** Largest page coreplus serves ("max 100 at the time of writing"). */
export const MAX_PAGE_SIZE = 100;
// Enough requests in flight to keep the rate limiter busy at a ~300 ms round trip.
const PAGE_CONCURRENCY = 6;

interface PageEnvelope extends IDataObject {
	paging?: { pageNumber?: number; pageSize?: number; totalRows?: number };
}

// A listing whose total keeps changing is re-read at most this often; after that the rows seen are returned.
const MAX_PASSES = 3;

interface Page {
	rows: IDataObject[];
	totalRows?: number;
}

/** `clients` → `clientId`: the id field coreplus uses in the rows of a list. */
function idKeyFor(dataKey: string): string {
	return `${dataKey.replace(/s$/, '')}Id`;
}

/** Rows joined in order, each record once (by its id, or by its content when it has none). */
function uniqueRows(rows: IDataObject[], idKey: string): IDataObject[] {
	const seen = new Set<string>();
	return rows.filter((row) => {
		const key = row[idKey] !== undefined && row[idKey] !== null ? `id:${String(row[idKey])}` : JSON.stringify(row);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * Lists every row (or the first `limit`) of a paged endpoint. The first page tells `totalRows`;
 * the remaining pages are then fetched concurrently (the shared rate limiter paces them) and
 * joined in the API's order.
 *
 * coreplus pages by position, so a record created or deleted while the pages are read shifts the
 * rows: one row would appear twice and another not at all. Every page reports `totalRows`; when
 * they disagree, the listing is read again and the passes are merged by record id, so every row
 * is returned exactly once.
 */
export async function coreplusRequestAllItems(
	context: CoreplusContext,
	request: Omit<CoreplusRequest, 'method'>,
	dataKey: string,
	limit?: number,
): Promise<IDataObject[]> {
	const wanted = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
	const pageSize = Math.min(MAX_PAGE_SIZE, Number.isFinite(wanted) ? Math.max(wanted, 1) : MAX_PAGE_SIZE);
	const idKey = idKeyFor(dataKey);
	const fetchPage = async (pageNumber: number): Promise<Page> => {
		const envelope = await coreplusRequest<PageEnvelope>(context, {
			...request,
			method: 'GET',
			query: { ...request.query, pageNumber, pageSize },
		});
		const rows = envelope?.[dataKey];
		return { rows: Array.isArray(rows) ? (rows as IDataObject[]) : [], totalRows: envelope?.paging?.totalRows };
	};

	/** One read of the whole listing; `stable` when every page reported the same total. */
	const readAllPages = async () => {
		const first = await fetchPage(1);
		const totalRows = first.totalRows;
		if (typeof totalRows !== 'number') return { rows: first.rows, stable: true };
		const pageCount = Math.ceil(Math.min(totalRows, wanted) / pageSize);
		const pages: Page[] = [first];
		let nextPage = 2;
		// After a page fails (retries exhausted) the other workers stop taking pages, so a listing that
		// has already failed does not keep spending the credential's shared request budget.
		let failed = false;
		const worker = async () => {
			while (nextPage <= pageCount && !failed) {
				const pageNumber = nextPage++;
				const page = fetchPage(pageNumber);
				page.catch(() => (failed = true));
				pages[pageNumber - 1] = await page;
			}
		};
		await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, pageCount - 1) }, worker));
		const stable = pages.every((page) => page.totalRows === undefined || page.totalRows === totalRows);
		return { rows: pages.flatMap((page) => page.rows), stable };
	};

	const passes: IDataObject[][] = [];
	for (let pass = 1; pass <= MAX_PASSES; pass++) {
		const { rows, stable } = await readAllPages();
		passes.unshift(rows);
		if (stable) break;
	}
	// The newest pass gives the order; rows only an earlier pass saw (shifted out of it) follow.
	return uniqueRows(passes.flat(), idKey).slice(0, wanted);
}
