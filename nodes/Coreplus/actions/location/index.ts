import type { ResourceDefinition } from '../types';
import { getManyLocations } from './getMany.operation';

export const location: ResourceDefinition = {
	value: 'location',
	name: 'Location',
	operations: [getManyLocations],
};
