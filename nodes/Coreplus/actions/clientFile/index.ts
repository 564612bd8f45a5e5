import type { ResourceDefinition } from '../types';
import { uploadClientFile } from './upload.operation';

export const clientFile: ResourceDefinition = {
	value: 'clientFile',
	name: 'Client File',
	description: "Files stored in a client's record",
	operations: [uploadClientFile],
};
