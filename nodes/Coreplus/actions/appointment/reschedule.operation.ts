import type { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { isCancelledAppointment } from '../../helpers/rules/appointmentStatus';
import { coreplusInstant } from '../../helpers/rules/dates';
import { sameId } from '../../helpers/rules/ids';
import {
	additionalFields,
	readRequestOptions,
	requestOptions,
} from '../../helpers/parameters/parameters';
import { practitionerPicker, readPickedId } from '../../helpers/parameters/pickers';
import {
	readSimplify,
	simplifiedTimedRecord,
	simplifyProperty,
} from '../../helpers/output/simplify';
import { checkString } from '../../helpers/validation/validation';
import { RECORDS, sendWrite } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import type { OperationDefinition } from '../types';
import {
	appointmentIdProperty,
	readAppointmentId,
} from '../../helpers/parameters/appointmentIdProperty';
import {
	practitionerIdOf,
	readAppointment,
	type RequestSettings,
} from '../../helpers/booking/appointmentRecord';
import { onlyForClientOption, readClientGuard } from '../../helpers/booking/clientGuard';
import { onlyForPatientOption, readPatientGuard } from '../../helpers/booking/patientGuard';
import { readGuardedAppointment, type Guards } from '../../helpers/booking/guardedAppointment';
import {
	allowPastOption,
	readAllowPast,
	requireFutureStart,
	requireNotHistory,
} from '../../helpers/booking/pastGuard';
import {
	precheckTimes,
	resolveBookingTimes,
	type BookingTimes,
	type RawTimes,
} from '../../helpers/booking/bookingTimes';
import { clinicZone, readZoneOverride, zoneOverrideField } from '../../helpers/booking/clinicZone';
import { changeAndConfirm, type ChangeOutcome } from '../../helpers/booking/confirmedChange';
import { rescheduleRefusal } from '../../helpers/booking/rescheduleRefusal';

const properties: INodeProperties[] = [
	appointmentIdProperty('The appointment to move'),
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"The new start, read in the appointment LOCATION's time zone (e.g. 2026-04-05T09:00 is 9 am at the clinic). A value with an offset or Z, or an n8n date such as {{ $now }}, is converted to the location's zone.",
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		description:
			"The new end, read like Start. Leave empty to keep the appointment's current length.",
	},
	practitionerPicker({
		description: 'Move it to another practitioner; leave empty to keep the current one',
	}),
	additionalFields([
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: "Up to 300 characters; replaces the appointment's notes",
		},
		zoneOverrideField,
		onlyForPatientOption,
		onlyForClientOption,
		allowPastOption,
	]),
	simplifyProperty('appointment'),
	requestOptions,
];

interface RescheduleInput extends Guards {
	appointmentId: string;
	raw: RawTimes;
	practitionerId?: string;
	notes?: string;
	zoneOverride?: string;
	allowPast: boolean;
	settings: RequestSettings;
	simplify: boolean;
}

export const rescheduleAppointment: OperationDefinition = {
	value: 'reschedule',
	name: 'Reschedule',
	action: 'Reschedule an appointment',
	description:
		"Move one appointment to a new start (and end, or keep its length), optionally to another practitioner. Times are read like Book's, in the location's time zone. A taken time fails as a conflict naming the slot; an appointment already at that time returns alreadyAtThatTime: true without a change; a lost answer is resolved by reading the appointment back.",
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const input = readRescheduleInput(this, itemIndex);
		const before = await readGuardedAppointment(
			this,
			itemIndex,
			{ appointmentId: input.appointmentId, done: 'changed' },
			input,
			input.settings,
		);
		if (isCancelledAppointment(before)) throw cancelledError(this, itemIndex, input.appointmentId);
		const { zone } = await clinicZone(
			this,
			itemIndex,
			String(before.locationId ?? ''),
			input.zoneOverride,
			'Appointment ID',
		);
		const { allowPast } = input;
		await requireNotHistory(this, itemIndex, before, { what: 'moved', allowPast, zone });
		const times = await resolveBookingTimes(this, itemIndex, input.raw, zone, {
			keepMinutes: minutesOf(before, zone),
		});
		requireFutureStart(this, itemIndex, times.start, allowPast, zone);
		const target = {
			times,
			practitionerId: input.practitionerId ?? String(practitionerIdOf(before) ?? ''),
			notes: input.notes,
		};
		const outcome: ChangeOutcome & { alreadyAtThatTime?: true } = isAt(before, target, zone)
			? { appointment: before, alreadyAtThatTime: true }
			: await reschedule(this, itemIndex, input, before, target, zone);
		const { appointment, ...flags } = outcome;
		const record = input.simplify
			? await simplifiedTimedRecord(this, itemIndex, appointment, true)
			: appointment;
		return { ...record, ...flags };
	},
};

function readRescheduleInput(context: IExecuteFunctions, itemIndex: number): RescheduleInput {
	const appointmentId = readAppointmentId(context, itemIndex);
	const raw = {
		start: context.getNodeParameter('start', itemIndex, ''),
		end: context.getNodeParameter('end', itemIndex, ''),
	};
	precheckTimes(context, itemIndex, raw, true);
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return {
		appointmentId,
		raw,
		practitionerId: readPickedId(context, 'practitionerId', itemIndex, 'Practitioner', false),
		notes: checkString(context, itemIndex, fields.notes, { label: 'Notes', maxLength: 300 }),
		zoneOverride: readZoneOverride(context, itemIndex, fields.timeZone),
		onlyFor: readClientGuard(context, itemIndex, 'additionalFields'),
		patient: readPatientGuard(context, itemIndex, 'additionalFields'),
		allowPast: readAllowPast(context, itemIndex, fields.allowChangesToPast),
		settings: readRequestOptions(context, itemIndex),
		simplify: readSimplify(context, itemIndex),
	};
}

interface Target {
	times: BookingTimes;
	practitionerId: string;
	notes?: string;
}

/** An offset-less coreplus time is the location's wall-clock time (the one reader). */
function sameInstant(coreplusTime: unknown, wanted: DateTime, zone: string): boolean {
	return coreplusInstant(coreplusTime, zone)?.toMillis() === wanted.toMillis();
}

/** Whether the appointment already is where the reschedule wants it (times, practitioner, notes). */
function isAt(appointment: IDataObject, target: Target, zone: string): boolean {
	return (
		sameInstant(appointment.startDateTime, target.times.start, zone) &&
		sameInstant(appointment.endDateTime, target.times.end, zone) &&
		sameId(practitionerIdOf(appointment), target.practitionerId) &&
		(target.notes === undefined || appointment.notes === target.notes)
	);
}

function minutesOf(appointment: IDataObject, zone: string): number {
	const start = coreplusInstant(appointment.startDateTime, zone)?.toMillis() ?? NaN;
	const end = coreplusInstant(appointment.endDateTime, zone)?.toMillis() ?? NaN;
	// An unreadable length cannot be kept: End is then needed (resolveBookingTimes refuses 0).
	return Number.isFinite(end - start) ? (end - start) / 60_000 : 0;
}

/** Sends the move and confirms it by reading back. */
async function reschedule(
	context: IExecuteFunctions,
	itemIndex: number,
	input: RescheduleInput,
	before: IDataObject,
	target: Target,
	zone: string,
): Promise<ChangeOutcome> {
	const { times } = target;
	// Evidence (docs/coreplus-api.md#appointment-reschedule): the Acuity sync sends startDateTime, endDateTime and notes;
	// the voice agent sends the practitioner as a flat practitionerId.
	const body: IDataObject = {
		startDateTime: times.startDateTime,
		endDateTime: times.endDateTime,
		...(input.practitionerId ? { practitionerId: input.practitionerId } : {}),
		...(input.notes !== undefined ? { notes: input.notes } : {}),
	};
	return await changeAndConfirm(context, itemIndex, {
		what: 'reschedule',
		appointmentId: input.appointmentId,
		// sendWrite: a refusal in coreplus' result[] shape (a taken time) fails at any status.
		send: async () =>
			await sendWrite(
				context,
				{ method: 'POST', path: RECORDS.changeAppointmentById.path(input.appointmentId) },
				{ body, itemIndex, notice: noticeFor(context), ...input.settings },
			),
		readBack: async () =>
			await readAppointment(context, itemIndex, input.appointmentId, input.settings),
		isApplied: (appointment) => isAt(appointment, target, zone),
		conflict: async (error) =>
			await rescheduleRefusal(context, itemIndex, error, before, target, zone),
		whereToCheck: `appointment ${input.appointmentId} in the diary on ${times.start.setZone(zone).toISODate()}`,
	});
}

function cancelledError(context: IExecuteFunctions, itemIndex: number, appointmentId: string) {
	return new NodeOperationError(
		context.getNode(),
		`Appointment ${appointmentId} is cancelled and cannot be rescheduled`,
		{ itemIndex, description: 'Book a new appointment instead (Appointment → Book).' },
	);
}
