import type { IDataObject } from 'n8n-workflow';

/**
 * coreplus pages by position: page `n` (1-based) of size `pageSize` holds the rows at 0-based
 * positions [(n - 1) × pageSize, n × pageSize). The one place that turns positions into pages, for
 * the page walker (paginate.ts), the client picker and the trigger's New Client.
 */

/** How many pages of `pageSize` rows hold `rowCount` rows. */
export function pageCountFor(rowCount: number, pageSize: number): number {
	return Math.ceil(rowCount / pageSize);
}

/** The number (1-based) of the page holding the row at `position` (0-based). */
export function pageHolding(position: number, pageSize: number): number {
	return Math.floor(position / pageSize) + 1;
}

/** The position (0-based) of the first row of page `pageNumber`. */
export function firstPositionOf(pageNumber: number, pageSize: number): number {
	return (pageNumber - 1) * pageSize;
}

/** The position of the first row of the page holding the last of `rowCount` rows (0 when none). */
export function lastPageStart(rowCount: number, pageSize: number): number {
	return rowCount > 0 ? firstPositionOf(pageHolding(rowCount - 1, pageSize), pageSize) : 0;
}

/**
 * The rows at positions [from, totalRows), reading only the pages that hold them. Page 1, already
 * read (it told `totalRows`), is not read again; the others come from `readPage`, in order.
 */
export async function readRowsFrom(
	firstPage: { rows: IDataObject[] },
	from: number,
	totalRows: number,
	pageSize: number,
	readPage: (pageNumber: number) => Promise<{ rows: IDataObject[] }>,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const lastPage = pageCountFor(totalRows, pageSize);
	for (let pageNumber = pageHolding(from, pageSize); pageNumber <= lastPage; pageNumber++) {
		const page = pageNumber === 1 ? firstPage : await readPage(pageNumber);
		const skipped = Math.max(0, from - firstPositionOf(pageNumber, pageSize));
		rows.push(...page.rows.slice(skipped));
	}
	return rows;
}
