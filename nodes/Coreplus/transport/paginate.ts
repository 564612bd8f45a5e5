import type { IDataObject } from 'n8n-workflow';

import { announce, readListAnswer, type ListPage, type ListShape } from './envelope';
import { coreplusRequest, type CoreplusContext, type CoreplusRequest } from './request';

/** Largest page coreplus serves ("max 100 at the time of writing"). */
export const MAX_PAGE_SIZE = 100;
// Enough requests in flight to keep the rate limiter busy at a ~300 ms round trip.
const PAGE_CONCURRENCY = 6;

// A listing that keeps changing is re-read at most this often; after that the rows seen are returned.
const MAX_PASSES = 4;

function rowKey(row: IDataObject, idField: string | undefined): string {
	const id = idField === undefined ? undefined : row[idField];
	return id !== undefined && id !== null ? `id:${String(id)}` : JSON.stringify(row);
}

/** Rows joined in order, each record once (by its id, or by its content when it has none). */
function uniqueRows(rows: IDataObject[], idField: string | undefined): IDataObject[] {
	const seen = new Set<string>();
	return rows.filter((row) => {
		const key = rowKey(row, idField);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * Lists every row (or the first `limit`) of a paged endpoint. The first page tells `totalRows`
 * and the page size the server really serves (a server may cap it below the one asked for); the
 * remaining pages are then fetched concurrently (the shared rate limiter paces them) and joined in
 * the API's order.
 *
 * coreplus pages by position, so a record created, deleted or moved while the pages are read
 * shifts the rows: one row would appear twice and another not at all. A reading is re-read when
 * its pages disagree on `totalRows`, or when the same record turned up twice (every position is
 * read once, so a record seen twice means another one was missed) or a page holds fewer rows
 * than it should. The passes are merged by record id, so every row is returned once. A record
 * removed where the pages were already read while another is added where they were not leaves
 * neither trace; the README ("Get Many under concurrent change") says what this guarantees.
 */
export async function readAllPages(
	context: CoreplusContext,
	what: string,
	request: Omit<CoreplusRequest, 'method'>,
	shape: ListShape,
	limit?: number,
): Promise<IDataObject[]> {
	const wanted = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
	const askedPageSize = Math.min(
		MAX_PAGE_SIZE,
		Number.isFinite(wanted) ? Math.max(wanted, 1) : MAX_PAGE_SIZE,
	);
	const fetchPage = async (pageNumber: number, pageSize: number): Promise<ListPage> => {
		const answer = await coreplusRequest<unknown>(context, {
			...request,
			method: 'GET',
			query: { ...request.query, pageNumber, pageSize },
		});
		return readListAnswer(context, what, shape, answer, request.itemIndex);
	};

	/** One read of the whole listing; `stable` when nothing shows the rows moved meanwhile. */
	const readOnce = async () => {
		const first = await fetchPage(1, askedPageSize);
		const { totalRows } = first;
		if (typeof totalRows !== 'number') return await readWithoutTotal(first);
		// Follow the server's page size: a server serving 50 rows a page numbers its pages by 50.
		const served = first.pageSize && first.pageSize > 0 ? first.pageSize : undefined;
		const pageSize = Math.min(
			askedPageSize,
			served ??
				(first.rows.length < askedPageSize && totalRows > first.rows.length
					? first.rows.length
					: askedPageSize),
		);
		if (pageSize < 1) return { rows: first.rows, stable: true };
		const pageCount = Math.ceil(Math.min(totalRows, wanted) / pageSize);
		const pages: ListPage[] = [first];
		let nextPage = 2;
		// After a page fails (retries exhausted) the other workers stop taking pages, so a listing that
		// has already failed does not keep spending the credential's shared request budget.
		let failed = false;
		const worker = async () => {
			while (nextPage <= pageCount && !failed) {
				const pageNumber = nextPage++;
				const page = fetchPage(pageNumber, pageSize);
				page.catch(() => (failed = true));
				pages[pageNumber - 1] = await page;
			}
		};
		await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, pageCount - 1) }, worker));
		const rows = pages.flatMap((page) => page.rows);
		const sameTotal = pages.every(
			(page) => page.totalRows === undefined || page.totalRows === totalRows,
		);
		const expectedRows = Math.min(totalRows, pageCount * pageSize);
		const complete = rows.length >= Math.min(expectedRows, wanted);
		return {
			rows,
			stable: sameTotal && complete && uniqueRows(rows, shape.idField).length === rows.length,
		};
	};

	/** No `totalRows`: pages are read in turn until a short or empty page, or one that adds nothing new. */
	const readWithoutTotal = async (first: ListPage) => {
		const rows = [...first.rows];
		let last = first;
		for (
			let pageNumber = 2;
			last.rows.length >= askedPageSize && rows.length < wanted;
			pageNumber++
		) {
			last = await fetchPage(pageNumber, askedPageSize);
			const before = uniqueRows(rows, shape.idField).length;
			rows.push(...last.rows);
			// A server that ignores paging answers the same rows again: stop instead of looping.
			if (uniqueRows(rows, shape.idField).length === before) break;
		}
		return { rows, stable: true };
	};

	const passes: IDataObject[][] = [];
	let stable = false;
	for (let pass = 1; pass <= MAX_PASSES && !stable; pass++) {
		const reading = await readOnce();
		passes.unshift(reading.rows);
		stable = reading.stable;
	}
	// The newest pass gives the order; rows only an earlier pass saw (shifted out of it) follow.
	const rows = uniqueRows(passes.flat(), shape.idField).slice(0, wanted);
	if (!stable) {
		announce(
			context,
			`coreplus' answers to ${what} kept changing over ${MAX_PASSES} readings (a busy list, or pages shorter than announced); the ${rows.length} distinct row(s) seen are returned and may be incomplete`,
		);
	}
	return rows;
}
