import type { ResourceDefinition } from '../types';
import { addPayment } from './add.operation';
import { getManyPayments } from './getMany.operation';

export const payment: ResourceDefinition = {
	value: 'payment',
	name: 'Payment',
	operations: [getManyPayments, addPayment],
};
