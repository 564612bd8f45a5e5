import type { INodeProperties } from 'n8n-workflow';

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
