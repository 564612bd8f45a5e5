import type { IDataObject } from 'n8n-workflow';

import { LISTS } from '../../transport/endpoints';
import { listOperation } from '../listOperation';
import { ianaZoneOfLocation, timezoneIdOfLocation } from '../../helpers/rules/timezones';

/**
 * A location as coreplus sent it, plus the two zone fields workflows need wherever coreplus puts
 * them (nested `timeZone` on the live API, top-level in the inferred shape): `timezoneId`, what slot
 * and appointment searches take, and `ianaTimeZone`, the zone the node reads (null when unknown).
 */
function withZoneFields(row: IDataObject): IDataObject {
	return {
		...row,
		timezoneId: row.timezoneId ?? timezoneIdOfLocation(row) ?? null,
		ianaTimeZone: ianaZoneOfLocation(row) ?? null,
	};
}

// Inferred endpoint: coreplus references "GetLocations" and signs `.../location/` in its examples,
// but publishes no page for it.
export const getManyLocations = listOperation({
	noun: 'locations',
	description:
		"List the practice's locations (ID, name, address, time zone): the locationId and timezoneId that bookings and searches need",
	list: LISTS.location,
	mapRow: withZoneFields,
});
