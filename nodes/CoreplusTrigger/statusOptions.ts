import { DateTime } from 'luxon';
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { noticeFor } from '../Coreplus/helpers/output/notices';
import { textOf } from '../Coreplus/helpers/rules/text';
import { LISTS, readPage } from '../Coreplus/transport/endpoints';
import { listLocations, queryZone } from './reads';

/**
 * The Statuses dropdown of Appointment Status Changed: the statuses coreplus used on appointments
 * of the last and the next week (coreplus documents no list of statuses; "Attended" is the one
 * its pages show, so it is always offered). At most `PAGES` pages are read, so a big practice's
 * dropdown opens in about a second; a status not listed can be typed in an expression.
 */
const PAGES = 3;
const DAYS_AROUND = 7;
const DOCUMENTED = ['Attended'];

export async function getAppointmentStatuses(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { timezoneId, zone } = queryZone(this, await listLocations(this), []);
	const today = DateTime.now().setZone(zone ?? 'UTC');
	const query = {
		startDate: today.minus({ days: DAYS_AROUND }).toISODate()!,
		endDate: today.plus({ days: DAYS_AROUND }).toISODate()!,
		timezoneId,
	};
	const seen = new Set(DOCUMENTED);
	for (let page = 1; page <= PAGES; page++) {
		const answer = await readPage(this, LISTS.appointment, page, 100, {
			query,
			notice: noticeFor(this),
		});
		for (const row of answer.rows) {
			const status = textOf(row.status);
			if (status) seen.add(status);
		}
		const size = answer.pageSize ?? 100;
		if (answer.rows.length < size || page * size >= (answer.totalRows ?? Infinity)) break;
	}
	return [...seen]
		.sort((a, b) => a.localeCompare(b))
		.map((status) => ({ name: status, value: status }));
}
