import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { readListAnswer, type ListPage, type ListShape, type Notice } from './envelope';
import { pageCountFor } from './pagePositions';
import { coreplusRequest, type CoreplusContext, type CoreplusRequest } from './request';

/** Largest page coreplus serves ("max 100 at the time of writing"). */
export const MAX_PAGE_SIZE = 100;
// Enough requests in flight to keep the rate limiter busy at a ~300 ms round trip.
const PAGE_CONCURRENCY = 6;

// A listing that keeps changing is re-read at most this often; after that the rows seen are returned.
const MAX_PASSES = 4;

// Listings returned although they kept changing ("may be incomplete"): a caller that would act on
// an absence (Find or Create creating a client nobody matched) asks `mayBeIncomplete` first.
const incompleteListings = new WeakSet<IDataObject[]>();

/** Whether these rows are a listing that kept changing while read, so a row may be missing. */
export function mayBeIncomplete(rows: IDataObject[]): boolean {
	return incompleteListings.has(rows);
}

/** Marks rows derived from a listing that may be incomplete (e.g. it plus a row created since). */
export function asIncomplete(rows: IDataObject[]): IDataObject[] {
	incompleteListings.add(rows);
	return rows;
}

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

/** One listing being read: what is asked, and how a page is fetched. */
interface Listing {
	context: CoreplusContext;
	what: string;
	request: Omit<CoreplusRequest, 'method'>;
	shape: ListShape;
	/** How the caller shows an answer the listing adapted to. */
	notice: Notice;
	/** How many rows the caller wants (Infinity: all). */
	wanted: number;
	/** The page size asked for on page 1. */
	askedPageSize: number;
}

/** One read of the whole listing; `stable` when nothing shows the rows moved meanwhile. */
interface Reading {
	rows: IDataObject[];
	stable: boolean;
}

async function fetchPage(listing: Listing, pageNumber: number, pageSize: number) {
	const { context, what, request, shape, notice } = listing;
	const answer = await coreplusRequest<unknown>(context, {
		...request,
		method: 'GET',
		query: { ...request.query, pageNumber, pageSize },
	});
	return readListAnswer(context, what, shape, answer, notice, request.itemIndex);
}

/**
 * The page size the server numbers its pages by. A first page shorter than asked while more rows
 * may follow (a `totalRows` above it, or none at all) shows what the server really serves,
 * whatever its `pageSize` says (a server may cap the size and report it wrongly, or not at all).
 */
function servedPageSize(listing: Listing, first: ListPage): number {
	const { askedPageSize } = listing;
	const served = first.rows.length;
	const moreMayFollow = first.totalRows === undefined || first.totalRows > served;
	if (served > 0 && served < askedPageSize && moreMayFollow) return served;
	const reported = first.pageSize && first.pageSize > 0 ? first.pageSize : askedPageSize;
	return Math.min(askedPageSize, reported);
}

/** A listing whose end the node cannot prove is refused: a part must never pass as the whole. */
function unproven(listing: Listing, problem: string): NodeOperationError {
	return new NodeOperationError(
		listing.context.getNode(),
		`coreplus' answers to ${listing.what} cannot be shown to be complete: ${problem}`,
		{
			itemIndex: listing.request.itemIndex,
			description:
				'Nothing was done with a partial list. Run "npm run conformance" against this coreplus server and report the answer shape to the node maintainers.',
		},
	);
}

/**
 * Reads pages after `rows` one at a time until an empty page proves the end (or `enough` rows are
 * in). Every page must bring rows not seen before: a server that answers the same rows again
 * ignores paging, and what it serves cannot be shown to be the whole list.
 */
async function readOnUntilEmpty(
	listing: Listing,
	rows: IDataObject[],
	nextPage: number,
	pageSize: number,
	enough: number,
): Promise<IDataObject[]> {
	const { idField } = listing.shape;
	const all = [...rows];
	for (let pageNumber = nextPage; uniqueRows(all, idField).length < enough; pageNumber++) {
		const page = await fetchPage(listing, pageNumber, pageSize);
		if (!page.rows.length) break;
		const before = uniqueRows(all, idField).length;
		all.push(...page.rows);
		if (uniqueRows(all, idField).length === before) {
			throw unproven(
				listing,
				`page ${pageNumber} repeated rows already read (the server seems to ignore paging), and no empty page showed where the list ends`,
			);
		}
	}
	return all;
}

/** Pages 2..pageCount, fetched concurrently (the shared rate limiter paces them), in order. */
async function fetchRemainingPages(
	listing: Listing,
	first: ListPage,
	pageCount: number,
	pageSize: number,
): Promise<ListPage[]> {
	const pages: ListPage[] = [first];
	let nextPage = 2;
	// After a page fails (retries exhausted) the other workers stop taking pages, so a listing that
	// has already failed does not keep spending the credential's shared request budget.
	let failed = false;
	const worker = async () => {
		while (nextPage <= pageCount && !failed) {
			const pageNumber = nextPage++;
			const page = fetchPage(listing, pageNumber, pageSize);
			page.catch(() => (failed = true));
			pages[pageNumber - 1] = await page;
		}
	};
	await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, pageCount - 1) }, worker));
	return pages;
}

/**
 * With `totalRows`: the pages it announces, read concurrently. Pages that agree on the total but
 * bring fewer rows than it (short pages, a wrong `pageSize`, an inflated total) are read on until
 * the total is reached or an empty page ends the list, never re-read whole.
 */
async function readWithTotal(listing: Listing, first: ListPage, total: number): Promise<Reading> {
	const { shape, wanted, what, notice } = listing;
	const pageSize = servedPageSize(listing, first);
	const expected = Math.min(total, wanted);
	const pageCount = Math.max(1, pageCountFor(expected, pageSize));
	const pages = await fetchRemainingPages(listing, first, pageCount, pageSize);
	const rows = pages.flatMap((page) => page.rows);
	const sameTotal = pages.every((page) => page.totalRows === undefined || page.totalRows === total);
	const distinct = uniqueRows(rows, shape.idField).length === rows.length;
	if (!sameTotal || !distinct) return { rows, stable: false };
	if (rows.length >= expected) return { rows, stable: true };
	const endShown = pages.some((page) => !page.rows.length);
	const all = endShown
		? rows
		: await readOnUntilEmpty(listing, rows, pageCount + 1, pageSize, expected);
	if (uniqueRows(all, shape.idField).length < expected) {
		notice(
			`coreplus announced ${total} rows for ${what} but an empty page ended the list after ${all.length}; the ${all.length} rows read are the whole list`,
		);
	}
	return { rows: all, stable: true };
}

/** Without `totalRows` (no paging, a bare array): pages are read until an empty one proves the end. */
async function readWithoutTotal(listing: Listing, first: ListPage): Promise<Reading> {
	if (!first.rows.length || first.rows.length >= listing.wanted)
		return { rows: first.rows, stable: true };
	const pageSize = servedPageSize(listing, first);
	const rows = await readOnUntilEmpty(listing, first.rows, 2, pageSize, listing.wanted);
	return { rows, stable: true };
}

async function readOnce(listing: Listing): Promise<Reading> {
	const first = await fetchPage(listing, 1, listing.askedPageSize);
	const { totalRows } = first;
	if (typeof totalRows !== 'number') return await readWithoutTotal(listing, first);
	return await readWithTotal(listing, first, totalRows);
}

function askedPageSizeFor(wanted: number): number {
	return Math.min(MAX_PAGE_SIZE, Number.isFinite(wanted) ? Math.max(wanted, 1) : MAX_PAGE_SIZE);
}

/**
 * Lists every row (or the first `limit`) of a paged endpoint. The first page tells `totalRows`
 * and the page size the server really serves (a server may cap it below the one asked for); the
 * remaining pages are then fetched concurrently and joined in the API's order.
 *
 * A listing is returned only when its end is shown: by `totalRows` reached, or by an empty page
 * after the last row (a server without `totalRows`, a bare array, a wrong `pageSize` or an inflated
 * total is read on until one). One that cannot be shown complete (a server repeating its rows
 * instead of paging) fails, naming the endpoint: a short list must not pass as the whole (a Find
 * or Create would duplicate the clients it never saw).
 *
 * coreplus pages by position, so a record created, deleted or moved while the pages are read
 * shifts the rows: one row would appear twice and another not at all. A reading is re-read when
 * its pages disagree on `totalRows` or the same record turned up twice (every position is read
 * once, so a record seen twice means another one was missed). The passes are merged by record id,
 * so every row is returned once. A record removed where the pages were already read while another
 * is added where they were not leaves neither trace; the README ("Get Many under concurrent
 * change") says what this guarantees.
 */
export async function readAllPages(
	context: CoreplusContext,
	what: string,
	request: Omit<CoreplusRequest, 'method'>,
	shape: ListShape,
	notice: Notice,
	limit?: number,
): Promise<IDataObject[]> {
	const wanted = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
	const listing: Listing = {
		context,
		what,
		request,
		shape,
		notice,
		wanted,
		askedPageSize: askedPageSizeFor(wanted),
	};
	const passes: IDataObject[][] = [];
	let stable = false;
	for (let pass = 1; pass <= MAX_PASSES && !stable; pass++) {
		const reading = await readOnce(listing);
		passes.unshift(reading.rows);
		stable = reading.stable;
	}
	// The newest pass gives the order; rows only an earlier pass saw (shifted out of it) follow.
	const rows = uniqueRows(passes.flat(), shape.idField).slice(0, wanted);
	if (!stable) {
		notice(
			`coreplus' answers to ${what} kept changing over ${MAX_PASSES} readings (a busy list); the ${rows.length} distinct row(s) seen are returned and may be incomplete`,
		);
		asIncomplete(rows);
	}
	return rows;
}
