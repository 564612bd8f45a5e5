import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Query } from '../../transport/url';

import type { ClientIdentity } from '../rules/matchClient';
import { findAppointment, readAppointment, type RequestSettings } from './appointmentRecord';
import { requireClient } from './clientGuard';
import { requirePatient } from './patientGuard';

export interface Guards {
	/** Only For Client ID. */
	onlyFor?: string;
	/** Only For Patient. */
	patient?: ClientIdentity;
}

/**
 * The appointment, read once, after the guards let this caller act on it (before any write or
 * output). With Only For Patient, an unknown ID is refused like another patient's appointment, so
 * the answer tells nothing about other patients. `done` completes "nothing was …".
 */
export async function readGuardedAppointment(
	context: IExecuteFunctions,
	itemIndex: number,
	request: { appointmentId: string; done: string; query?: Query },
	guards: Guards,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { appointmentId } = request;
	if (!guards.patient) {
		const appointment = await readAppointment(context, itemIndex, appointmentId, settings);
		requireClient(context, itemIndex, appointment, guards.onlyFor);
		return appointment;
	}
	const appointment = await findAppointment(
		context,
		itemIndex,
		appointmentId,
		settings,
		request.query,
	);
	await requirePatient(context, itemIndex, { ...request, appointment }, guards.patient, settings);
	requireClient(context, itemIndex, appointment!, guards.onlyFor);
	return appointment!;
}
