import type { ResourceDefinition } from '../types';
import { getManyAvailabilitySlots } from './getMany.operation';

export const availabilitySlot: ResourceDefinition = {
	value: 'availabilitySlot',
	name: 'Availability Slot',
	operations: [getManyAvailabilitySlots],
};
