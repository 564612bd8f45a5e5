import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkId } from '../validation/validation';

/** The Appointment ID parameter of Get, Cancel and Reschedule. */
export function appointmentIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'appointmentId from Book or Get Many',
		description: `${description}: the appointmentId from Book or Get Many`,
	};
}

/** The item's Appointment ID, checked before any request (Get, Cancel, Reschedule). */
export function readAppointmentId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('appointmentId', itemIndex, '');
	return checkId(context, itemIndex, value, 'Appointment ID')!;
}
