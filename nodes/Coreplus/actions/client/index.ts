import type { ResourceDefinition } from '../types';
import { addFamilyMember } from './addFamilyMember.operation';
import { createClient } from './create.operation';
import { getManyClients } from './getMany.operation';

export const client: ResourceDefinition = {
	value: 'client',
	name: 'Client',
	operations: [getManyClients, createClient, addFamilyMember],
};
