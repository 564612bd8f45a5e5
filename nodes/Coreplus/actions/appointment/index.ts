import type { ResourceDefinition } from '../types';
import { bookAppointment } from './book.operation';
import { cancelAppointment } from './cancel.operation';
import { getAppointment } from './get.operation';
import { getManyAppointments } from './getMany.operation';
import { rescheduleAppointment } from './reschedule.operation';

export const appointment: ResourceDefinition = {
	value: 'appointment',
	name: 'Appointment',
	operations: [
		bookAppointment,
		rescheduleAppointment,
		cancelAppointment,
		getAppointment,
		getManyAppointments,
	],
};
