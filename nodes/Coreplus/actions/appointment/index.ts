import type { ResourceDefinition } from '../types';
import { bookAppointment } from './book.operation';
import { getAppointment } from './get.operation';
import { getManyAppointments } from './getMany.operation';

export const appointment: ResourceDefinition = {
	value: 'appointment',
	name: 'Appointment',
	operations: [bookAppointment, getAppointment, getManyAppointments],
};
