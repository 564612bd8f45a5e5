import type { ResourceDefinition } from '../types';
import { getInvoice } from './get.operation';
import { getManyInvoices } from './getMany.operation';

export const invoice: ResourceDefinition = {
	value: 'invoice',
	name: 'Invoice',
	operations: [getManyInvoices, getInvoice],
};
