import { LISTS } from '../../transport/endpoints';
import { listOperation } from '../../helpers/listOperation';

// Inferred endpoint: coreplus references "GetLocations" and signs `.../location/` in its examples,
// but publishes no page for it.
export const getManyLocations = listOperation({
	noun: 'locations',
	description:
		"List the practice's locations (ID, name, address, time zone): the locationId and timezoneId that bookings and searches need",
	list: LISTS.location,
});
