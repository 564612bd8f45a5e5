import { LISTS } from '../../transport/endpoints';
import { listOperation } from '../listOperation';

// Inferred endpoint: the availability-slot page says "see endpoint 'Practitioner'" but coreplus
// publishes no page for it; the envelope is assumed to follow the documented lists.
export const getManyPractitioners = listOperation({
	noun: 'practitioners',
	description:
		"List the practice's practitioners (ID, title, name, discipline): the practitionerId that slot searches and bookings need",
	list: LISTS.practitioner,
});
