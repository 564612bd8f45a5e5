import type { Row } from './data';
import { EmulatorHttpError } from './http';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

function positiveInteger(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null) return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) < 1)
		throw new EmulatorHttpError(400, `${name} must be a positive integer`);
	return Number(raw);
}

/** A list envelope exactly as coreplus documents it: rows, paging and statusMessages. */
export function pageOf(rows: Row[], query: URLSearchParams, key: string) {
	const pageNumber = positiveInteger(query, 'pageNumber', 1);
	const pageSize = positiveInteger(query, 'pageSize', DEFAULT_PAGE_SIZE);
	if (pageSize > MAX_PAGE_SIZE)
		throw new EmulatorHttpError(400, `pageSize must not be more than ${MAX_PAGE_SIZE}`);
	const start = (pageNumber - 1) * pageSize;
	return {
		[key]: rows.slice(start, start + pageSize),
		paging: { pageNumber, pageSize, totalRows: rows.length },
		statusMessages: [],
	};
}

/** The query as a server that serves at most `cap` rows a page reads it (it reports the capped size in `paging`). */
export function capPageSize(query: URLSearchParams, cap: number | undefined): URLSearchParams {
	const asked = Number(query.get('pageSize') ?? DEFAULT_PAGE_SIZE);
	if (!cap || !(asked > cap)) return query;
	const capped = new URLSearchParams(query);
	capped.set('pageSize', String(cap));
	return capped;
}

/** Moves one row within a listing (the total stays the same), as a re-ordered record does. */
export function moveRow<T>(rows: T[], from: number, to: number): void {
	const [row] = rows.splice(from, 1);
	rows.splice(to, 0, row);
}
