import type { IDataObject } from 'n8n-workflow';

import { normalizeCoreplusDateTime } from '../rules/dates';

/**
 * A slot or appointment as coreplus sent it, plus `start` and `end` in strict ISO 8601
 * (coreplus writes "2021-09-07T09:00:00 +10:00", with a space before the offset).
 */
export function withIsoTimes(row: IDataObject): IDataObject {
	return {
		...row,
		start: normalizeCoreplusDateTime(row.startDateTime),
		end: normalizeCoreplusDateTime(row.endDateTime),
	};
}
