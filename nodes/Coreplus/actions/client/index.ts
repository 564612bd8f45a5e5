import type { ResourceDefinition } from '../types';
import { addFamilyMember } from './addFamilyMember.operation';
import { createClient } from './create.operation';
import { findClient } from './find.operation';
import { findOrCreateClient } from './findOrCreate.operation';
import { getClient } from './get.operation';
import { getManyClients } from './getMany.operation';

export const client: ResourceDefinition = {
	value: 'client',
	name: 'Client',
	operations: [
		getManyClients,
		getClient,
		findClient,
		findOrCreateClient,
		createClient,
		addFamilyMember,
	],
};
