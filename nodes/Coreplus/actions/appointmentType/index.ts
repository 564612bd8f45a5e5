import type { ResourceDefinition } from '../types';
import { createAppointmentType } from './create.operation';
import { getManyAppointmentTypes } from './getMany.operation';

export const appointmentType: ResourceDefinition = {
	value: 'appointmentType',
	name: 'Appointment Type',
	operations: [getManyAppointmentTypes, createAppointmentType],
};
