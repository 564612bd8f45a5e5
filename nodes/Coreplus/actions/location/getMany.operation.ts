import { LISTS } from '../../transport/endpoints';
import { listOperation } from '../listOperation';

// Inferred endpoint: coreplus references "GetLocations" and signs `.../location/` in its examples,
// but publishes no page for it.
export const getManyLocations = listOperation({
	noun: 'locations',
	description: "List the practice's locations, with the timezone ID that slot and appointment searches need",
	list: LISTS.location,
});
