import type { IDataObject } from 'n8n-workflow';

import { noticeFor } from '../Coreplus/helpers/output/notices';
import { idKey } from '../Coreplus/helpers/rules/ids';
import { LISTS, readPage } from '../Coreplus/transport/endpoints';
import { MAX_PAGE_SIZE } from '../Coreplus/transport/paginate';
import { firstPositionOf } from '../Coreplus/transport/pagePositions';
import type { CoreplusContext } from '../Coreplus/transport/request';
import type { PagedDay } from './plan';
import { listAppointments } from './reads';

/**
 * A later day too big for one poll's budget, read a few pages a poll (`plan.ts`). coreplus pages
 * by position (`pageNumber`, 100 rows a page), so each page's `paging.totalRows` tells where the
 * day's list ends: the day is done when a page reaches it, or when a page comes back empty (the
 * day shrank). A page that cannot be placed (no `totalRows`, a short page before the announced
 * end, or only rows already read: a server ignoring paging) is no proof of anything, so the rest
 * of the day is then read whole by the shared list reader, which proves its end its own way.
 */

export interface PagedRead {
	rows: IDataObject[];
	/** The page the next poll reads; undefined when the day's last page was read. */
	nextPage?: number;
}

const idOf = (row: IDataObject) =>
	typeof row.appointmentId === 'string' ? idKey(row.appointmentId) : '';

export async function readPagedDay(
	context: CoreplusContext,
	timezoneId: string,
	day: PagedDay,
): Promise<PagedRead> {
	const range = { startDate: day.date, endDate: day.date };
	const query = { ...range, timezoneId };
	const notice = noticeFor(context);
	const known = new Set(day.seen);
	const rows: IDataObject[] = [];
	const lastPage = day.firstPage + day.pages - 1;
	for (let pageNumber = day.firstPage; pageNumber <= lastPage; pageNumber++) {
		const page = await readPage(context, LISTS.appointment, pageNumber, MAX_PAGE_SIZE, {
			query,
			notice,
		});
		if (!page.rows.length) return { rows };
		rows.push(...page.rows);
		const size = Math.min(MAX_PAGE_SIZE, page.pageSize || MAX_PAGE_SIZE);
		const reached = firstPositionOf(pageNumber, size) + page.rows.length;
		const total = page.totalRows;
		if (total !== undefined && reached >= total) return { rows };
		const fresh = page.rows.filter((row) => !known.has(idOf(row)));
		page.rows.forEach((row) => known.add(idOf(row)));
		if (total === undefined || page.rows.length < size || !fresh.length) {
			notice(
				`coreplus' appointment list for ${day.date} could not be read page by page (page ${pageNumber} did not show where the day ends); the rest of the day was read whole`,
			);
			return { rows: [...rows, ...(await listAppointments(context, timezoneId, range))] };
		}
	}
	return { rows, nextPage: lastPage + 1 };
}
