import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { fetchClient } from '../clients/fetchClient';
import { findClients } from '../clients/findClients';
import { readAddedOption } from '../parameters/addedOption';
import { compareClient, type ClientIdentity } from '../rules/matchClient';
import { sameId } from '../rules/ids';
import { asNodeError } from '../validation/errors';
import { checkString, invalidParameter, toCoreplusDate } from '../validation/validation';
import { soleClientId } from './clientGuard';
import type { RequestSettings } from './appointmentRecord';

/**
 * "Only For Patient": the operation acts only on an appointment of the patient who proved who they
 * are (first name, last name and date of birth, as a receptionist asks), checked against coreplus'
 * client record inside the same run. An AI tool wires what the caller says into it, never an ID a
 * model could copy from another tool's answer. The refusal is the same whoever the appointment
 * belongs to (or whether it exists), so it tells a caller nothing about other patients.
 */
const LABEL = 'Only For Patient';

const field = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	required: true,
	default: '',
	description,
});

export const onlyForPatientOption: INodeProperties = {
	displayName: LABEL,
	name: 'onlyForPatient',
	type: 'fixedCollection',
	placeholder: 'Add Patient',
	default: {},
	description:
		"Act only on appointments of the patient with this name and date of birth, checked against coreplus' client record; any other appointment (another patient's, a group appointment, an unknown ID) is refused without saying whose it is. Once added, an empty value is refused, never ignored.",
	options: [
		{
			displayName: 'Patient',
			name: 'patient',
			values: [
				field('First Name', 'firstName', "The patient's first name, as they give it"),
				field('Last Name', 'lastName', "The patient's last name, as they give it"),
				field('Date of Birth', 'dateOfBirth', "The patient's date of birth, e.g. 1984-05-07"),
			],
		},
	],
};

function text(context: IExecuteFunctions, itemIndex: number, value: unknown, name: string) {
	return checkString(context, itemIndex, value, {
		label: `${LABEL} → ${name}`,
		required: true,
		maxLength: 50,
	})!;
}

/** The patient to act for; undefined when the option was not added, an error when added but incomplete. */
export function readPatientGuard(
	context: IExecuteFunctions,
	itemIndex: number,
	collection: string,
): ClientIdentity | undefined {
	const { added, value } = readAddedOption(context, itemIndex, collection, 'onlyForPatient');
	if (!added) return undefined;
	const patient = (value as IDataObject | undefined)?.patient as IDataObject | undefined;
	if (typeof patient !== 'object' || patient === null || Array.isArray(patient))
		throw invalidParameter(
			context,
			itemIndex,
			LABEL,
			'no patient is given',
			"the patient's first name, last name and date of birth",
		);
	const dateOfBirth = text(context, itemIndex, patient.dateOfBirth, 'Date of Birth');
	return {
		firstName: text(context, itemIndex, patient.firstName, 'First Name'),
		lastName: text(context, itemIndex, patient.lastName, 'Last Name'),
		dateOfBirth: toCoreplusDate(context, itemIndex, dateOfBirth, `${LABEL} → Date of Birth`),
	};
}

function refusal(
	context: IExecuteFunctions,
	itemIndex: number,
	appointmentId: string,
	done: string,
) {
	return new NodeOperationError(
		context.getNode(),
		`Appointment ${appointmentId} is not an appointment of the patient given; nothing was ${done}`,
		{
			itemIndex,
			description:
				"Only For Patient is set: the appointment must be that patient's alone, with the first name, last name and date of birth coreplus has for them. Check the details and the appointment ID, or list the patient's own appointments (Appointment → Get Many with Only For Patient).",
		},
	);
}

/** The appointment's client record, or undefined when coreplus does not know it. */
async function clientRecord(
	context: IExecuteFunctions,
	itemIndex: number,
	clientId: string,
	settings: RequestSettings,
): Promise<IDataObject | undefined> {
	try {
		return await fetchClient(context, clientId, { itemIndex, ...settings });
	} catch (error) {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return undefined;
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/**
 * Refuses, before any write or output, an appointment (undefined: not found) that is not the
 * patient's alone. Costs one `GET Client/{id}`.
 */
export async function requirePatient(
	context: IExecuteFunctions,
	itemIndex: number,
	request: { appointmentId: string; appointment?: IDataObject; done: string },
	patient: ClientIdentity | undefined,
	settings: RequestSettings,
): Promise<void> {
	if (!patient) return;
	const clientId = request.appointment && soleClientId(request.appointment);
	const client = clientId && (await clientRecord(context, itemIndex, clientId, settings));
	if (client && compareClient(client, patient) === 'match') return;
	throw refusal(context, itemIndex, request.appointmentId, request.done);
}

/** The rows (appointments) that are the patient's alone: clients found by coreplus' own matching rule. */
export async function keepPatientRows(
	context: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
	patient: ClientIdentity,
): Promise<IDataObject[]> {
	const clients = await findClients(context, itemIndex, patient);
	const ids = clients.map((client) => client.clientId);
	return rows.filter((row) => ids.some((id) => sameId(id, soleClientId(row))));
}
