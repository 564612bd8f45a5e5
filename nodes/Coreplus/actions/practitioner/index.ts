import type { ResourceDefinition } from '../types';
import { getManyPractitioners } from './getMany.operation';

export const practitioner: ResourceDefinition = {
	value: 'practitioner',
	name: 'Practitioner',
	operations: [getManyPractitioners],
};
