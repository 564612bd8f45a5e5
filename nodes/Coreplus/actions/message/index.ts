import type { ResourceDefinition } from '../types';
import { sendMessage } from './send.operation';

export const message: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	description: 'Files sent into coreplus as secure messages',
	operations: [sendMessage],
};
