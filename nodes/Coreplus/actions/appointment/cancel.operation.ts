import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isCancelledAppointment } from '../../helpers/rules/appointmentStatus';
import { readRequestOptions, requestOptions } from '../../helpers/parameters/parameters';
import {
	readSimplify,
	simplifiedTimedRecord,
	simplifyProperty,
} from '../../helpers/output/simplify';
import { checkOption } from '../../helpers/validation/validation';
import { RECORDS, sendWrite } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import type { OperationDefinition } from '../types';
import { findAppointment, type RequestSettings } from '../../helpers/booking/appointmentRecord';
import { onlyForClientOption, readClientGuard } from '../../helpers/booking/clientGuard';
import { onlyForPatientOption, readPatientGuard } from '../../helpers/booking/patientGuard';
import { readGuardedAppointment } from '../../helpers/booking/guardedAppointment';
import { allowPastOption, readAllowPast, requireNotHistory } from '../../helpers/booking/pastGuard';
import { changeAndConfirm, type ChangeOutcome } from '../../helpers/booking/confirmedChange';
import {
	appointmentIdProperty,
	readAppointmentId,
} from '../../helpers/parameters/appointmentIdProperty';

// The default form is the one two independent clients ten years apart send (WordPress plugin
// 2016, Acuity sync 2025); the by-id form has one source, a 2026 voice agent partly adapted from
// another vendor's client (docs/coreplus-api.md#appointment-cancel). `npm run conformance -- --book` tells which a server takes.
const CANCEL_FORMS = ['appointmentIdInBody', 'idInPath'] as const;
type CancelForm = (typeof CANCEL_FORMS)[number];

const properties: INodeProperties[] = [
	appointmentIdProperty('The appointment to cancel'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			onlyForPatientOption,
			onlyForClientOption,
			allowPastOption,
			{
				displayName: 'Cancel Request Form',
				name: 'cancelForm',
				type: 'options',
				default: 'appointmentIdInBody',
				description:
					'How the cancel is sent; coreplus does not document it and public clients use two forms',
				options: [
					{
						name: 'POST Appointment/ With the ID in the Body',
						value: 'appointmentIdInBody',
						description:
							'{ "deleted": "true", "appointmentId": … }, the form most public clients send',
					},
					{
						name: 'POST Appointment/{ID}/',
						value: 'idInPath',
						description: '{ "deleted": true } sent to the appointment itself',
					},
				],
			},
		],
	},
	simplifyProperty('appointment'),
	requestOptions,
];

export const cancelAppointment: OperationDefinition = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel an appointment',
	description:
		'Cancel one appointment by its ID. Reads it first: an appointment already cancelled is returned with alreadyCancelled: true and nothing is sent. The cancel is confirmed by reading the appointment back; a lost answer is resolved the same way, never by sending blindly again.',
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const input = readCancelInput(this, itemIndex);
		const before = await readGuardedAppointment(
			this,
			itemIndex,
			{ appointmentId: input.appointmentId, done: 'changed' },
			input,
			input.settings,
		);
		const outcome: ChangeOutcome & { alreadyCancelled?: true } = isCancelledAppointment(before)
			? { appointment: before, alreadyCancelled: true }
			: await cancelNow(this, itemIndex, before, input);
		const { appointment, ...flags } = outcome;
		const record = input.simplify
			? await simplifiedTimedRecord(this, itemIndex, appointment, true)
			: appointment;
		// Kept when simplified: the read-back found no record, so the status shown is the one before.
		const removed = appointment.removedByCoreplus ? { removedByCoreplus: true } : {};
		return { ...record, ...flags, ...removed };
	},
};

type CancelInput = ReturnType<typeof readCancelInput>;

/** Every parameter, checked before any request (a guard added but blank refuses here). */
function readCancelInput(context: IExecuteFunctions, itemIndex: number) {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		appointmentId: readAppointmentId(context, itemIndex),
		form:
			checkOption(context, itemIndex, options.cancelForm, CANCEL_FORMS, 'Cancel Request Form') ??
			('appointmentIdInBody' as CancelForm),
		onlyFor: readClientGuard(context, itemIndex, 'options'),
		patient: readPatientGuard(context, itemIndex, 'options'),
		allowPast: readAllowPast(context, itemIndex, options.allowChangesToPast),
		settings: readRequestOptions(context, itemIndex),
		simplify: readSimplify(context, itemIndex),
	};
}

async function cancelNow(
	context: IExecuteFunctions,
	itemIndex: number,
	before: IDataObject,
	input: CancelInput,
): Promise<ChangeOutcome> {
	await requireNotHistory(context, itemIndex, before, {
		what: 'cancelled',
		allowPast: input.allowPast,
	});
	return await cancel(context, itemIndex, before, input.form, input.settings);
}

/** Sends the cancel in the chosen form and confirms it by reading back. */
async function cancel(
	context: IExecuteFunctions,
	itemIndex: number,
	before: IDataObject,
	form: CancelForm,
	settings: RequestSettings,
): Promise<ChangeOutcome> {
	const appointmentId = String(before.appointmentId ?? '');
	const endpoint =
		form === 'idInPath'
			? RECORDS.changeAppointmentById.path(appointmentId)
			: RECORDS.cancelAppointmentInBody.path;
	// The evidence sends the text "true" in the body form and a boolean by id; each is kept as seen.
	const body = form === 'idInPath' ? { deleted: true } : { deleted: 'true', appointmentId };
	return await changeAndConfirm(context, itemIndex, {
		what: 'cancel',
		appointmentId,
		// sendWrite: a refusal in coreplus' result[] shape fails with its reason, 2xx included.
		send: async () =>
			await sendWrite(
				context,
				{ method: 'POST', path: endpoint },
				{ body, itemIndex, notice: noticeFor(context), ...settings },
			),
		readBack: async () => await readBackCancelled(context, itemIndex, before, settings),
		isApplied: isCancelledAppointment,
		whereToCheck: `appointment ${appointmentId} (${String(before.startDateTime ?? '')})`,
	});
}

/** The appointment after a cancel; a server that removes cancelled records answers 404, which is a cancel too. */
async function readBackCancelled(
	context: IExecuteFunctions,
	itemIndex: number,
	before: IDataObject,
	settings: RequestSettings,
): Promise<IDataObject> {
	const id = String(before.appointmentId);
	const after = await findAppointment(context, itemIndex, id, settings);
	return after ?? { ...before, deleted: true, removedByCoreplus: true };
}
