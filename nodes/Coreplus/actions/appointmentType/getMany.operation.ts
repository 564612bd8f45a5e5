import { LISTS } from '../../transport/endpoints';
import { listOperation } from '../listOperation';

// Inferred endpoint: booking pages say "see endpoint 'Specialty Types'" and the create page posts
// to appointmenttype/; the list is assumed at the same path with the documented list envelope.
export const getManyAppointmentTypes = listOperation({
	noun: 'appointment types',
	description:
		"List the practice's appointment types (ID, name, duration in minutes): the appointmentTypeId that slot searches and bookings need",
	list: LISTS.appointmentType,
});
