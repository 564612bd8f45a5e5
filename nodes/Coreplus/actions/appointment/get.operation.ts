import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RECORDS, readRecord } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import { readRequestOptions, requestOptions } from '../../helpers/parameters/parameters';
import {
	readSimplify,
	simplifiedTimedRecord,
	simplifyProperty,
} from '../../helpers/output/simplify';
import type { OperationDefinition } from '../types';
import { checkBoolean } from '../../helpers/validation/validation';
import { withIsoTimes } from '../../helpers/output/isoTimes';
import { onlyForPatientOption, readPatientGuard } from '../../helpers/booking/patientGuard';
import { readGuardedAppointment } from '../../helpers/booking/guardedAppointment';
import {
	appointmentIdProperty,
	readAppointmentId,
} from '../../helpers/parameters/appointmentIdProperty';

export const getAppointment: OperationDefinition = {
	value: 'get',
	name: 'Get',
	action: 'Get an appointment',
	description:
		'Read one appointment by its ID (from Book or Get Many). Returns it with practitioner, location, type and client IDs and names, and local and ISO start and end.',
	properties: [
		appointmentIdProperty('The appointment to read'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				onlyForPatientOption,
				{
					displayName: 'Include Practitioner Profile',
					name: 'getPractitionerProfiles',
					type: 'boolean',
					default: false,
					description: "Whether to add the practitioner's first and last name",
				},
				{
					displayName: 'Include Cancellation Details',
					name: 'cancellationId',
					type: 'boolean',
					default: false,
					description:
						'Whether to add the cancellation reason ID and notes of a cancelled appointment',
				},
			],
		},
		simplifyProperty('appointment'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const appointmentId = readAppointmentId(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const simplify = readSimplify(this, itemIndex);
		const query = {
			getPractitionerProfiles:
				checkBoolean(
					this,
					itemIndex,
					options.getPractitionerProfiles,
					'Include Practitioner Profile',
				) || undefined,
			cancellationId:
				checkBoolean(this, itemIndex, options.cancellationId, 'Include Cancellation Details') ||
				undefined,
		};
		const settings = readRequestOptions(this, itemIndex);
		const patient = readPatientGuard(this, itemIndex, 'options');
		const appointment = patient
			? await readGuardedAppointment(
					this,
					itemIndex,
					{ appointmentId, done: 'read out', query },
					{ patient },
					settings,
				)
			: await readRecord(this, RECORDS.appointment, {
					id: appointmentId,
					query,
					itemIndex,
					notice: noticeFor(this),
					...settings,
				});
		return simplify
			? await simplifiedTimedRecord(this, itemIndex, appointment)
			: withIsoTimes(appointment);
	},
};
