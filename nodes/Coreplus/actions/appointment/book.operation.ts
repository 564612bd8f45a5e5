import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RECORDS, writeRecord } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import {
	additionalFields,
	readRequestOptions,
	requestOptions,
} from '../../helpers/parameters/parameters';
import {
	appointmentTypePicker,
	clientPicker,
	locationPicker,
	practitionerPicker,
	readPickedId,
} from '../../helpers/parameters/pickers';
import {
	readSimplify,
	simplifiedTimedRecord,
	simplifyProperty,
} from '../../helpers/output/simplify';
import type { OperationDefinition } from '../types';
import { checkBoolean, checkString } from '../../helpers/validation/validation';
import {
	precheckTimes,
	resolveBookingTimes,
	type BookingTimes,
	type RawTimes,
} from '../../helpers/booking/bookingTimes';
import { clinicZone, readZoneOverride, zoneOverrideField } from '../../helpers/booking/clinicZone';
import { sendBookingOnce } from '../../helpers/booking/sendBooking';

const TEXT_LIMIT = 300;
/** How sendBookingOnce says the booking was found rather than made by this request; kept when simplified. */
const RECOVERY_FLAGS = [
	'recoveredAfterLostResponse',
	'resentAfterLostResponse',
	'alreadyBooked',
	'recoveredAfterUnreadableAnswer',
] as const;

const properties: INodeProperties[] = [
	practitionerPicker({ required: true, description: 'Who the appointment is with' }),
	locationPicker({
		required: true,
		description: 'Where the appointment takes place; its time zone is used for Start and End',
	}),
	clientPicker({
		required: true,
		description: 'Who the appointment is for (coreplus books one client per appointment)',
	}),
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"When the appointment starts. Read in the LOCATION's time zone (e.g. 2026-04-05T09:00 is 9 am at the clinic). A value with an offset or Z, or an n8n date such as {{ $now }}, is converted to the location's zone. From a slot: drag in its startDateTime.",
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		description:
			"When the appointment ends, read like Start (in the location's time zone unless it has an offset). Leave empty to end after the Appointment Type's duration.",
	},
	appointmentTypePicker({
		description: 'The kind of appointment; its duration sets the end when End is empty',
	}),
	additionalFields([
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			description:
				'Up to 300 characters; coreplus uses the client name and date of birth when empty',
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Up to 300 characters',
		},
		{
			displayName: 'Email Reminder',
			name: 'isEmailReminderRequired',
			type: 'boolean',
			default: false,
			description: "Whether coreplus emails a reminder to the client's email address",
		},
		{
			displayName: 'SMS Reminder',
			name: 'isSmsReminderRequired',
			type: 'boolean',
			default: false,
			description: 'Whether coreplus texts a reminder (only if the client has a mobile number)',
		},
		{
			displayName: 'Notify Practitioner',
			name: 'notifyPractitioner',
			type: 'boolean',
			default: false,
			description: 'Whether coreplus sends the practitioner an SMS about the booking',
		},
		zoneOverrideField,
	]),
	simplifyProperty('appointment'),
	requestOptions,
];

export const bookAppointment: OperationDefinition = {
	value: 'book',
	name: 'Book',
	action: 'Book an appointment',
	description:
		"Book a client with a practitioner at a location. Needs practitioner, location and client IDs, a start, and an end or an appointment type (its duration sets the end). Times without an offset are the location's wall-clock time; a value with an offset or Z is converted to it. Returns the appointment with IDs, names and local and ISO times; never books twice, even when an answer is lost.",
	properties,
	// Four bookings in flight keep coreplus' 10 requests/second busy at a ~300 ms round trip.
	concurrency: 4,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		// Every check on the item's values comes before the first request.
		const input = readBookingInput(this, itemIndex);
		const { zone, location } = await clinicZone(
			this,
			itemIndex,
			input.locationId,
			input.zoneOverride,
		);
		const times = await resolveBookingTimes(this, itemIndex, input.raw, zone, {
			appointmentTypeId: input.appointmentTypeId,
		});
		const send = () =>
			writeRecord(this, RECORDS.bookAppointment, {
				body: bookingBody(input, times),
				itemIndex,
				notice: noticeFor(this),
				...input.requestSettings,
			});
		const booked = await sendBookingOnce(
			this,
			itemIndex,
			send,
			{
				practitionerId: input.practitionerId,
				clientId: input.clientId,
				start: times.start,
				zone,
				timezoneId: location.timezoneId,
			},
			times,
		);
		// Made, id unknown (madeIdUnknown.ts): nothing to simplify.
		return input.simplify && !booked.idUnknown
			? await simplifiedBooking(this, itemIndex, booked)
			: booked;
	},
};

interface BookingInput {
	practitionerId: string;
	locationId: string;
	clientId: string;
	appointmentTypeId?: string;
	raw: RawTimes;
	subject?: string;
	notes?: string;
	flags: Record<string, boolean | undefined>;
	zoneOverride?: string;
	requestSettings: ReturnType<typeof readRequestOptions>;
	simplify: boolean;
}

/** The item's parameters, each checked (no request is sent before all pass). */
function readBookingInput(context: IExecuteFunctions, itemIndex: number): BookingInput {
	const practitionerId = readPickedId(context, 'practitionerId', itemIndex, 'Practitioner')!;
	const locationId = readPickedId(context, 'locationId', itemIndex, 'Location')!;
	const clientId = readPickedId(context, 'clientId', itemIndex, 'Client')!;
	const appointmentTypeId = readPickedId(
		context,
		'appointmentTypeId',
		itemIndex,
		'Appointment Type',
		false,
	);
	const raw = {
		start: context.getNodeParameter('start', itemIndex, ''),
		end: context.getNodeParameter('end', itemIndex, ''),
	};
	precheckTimes(context, itemIndex, raw, Boolean(appointmentTypeId));
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const text = (value: unknown, label: string) =>
		checkString(context, itemIndex, value, { label, maxLength: TEXT_LIMIT });
	const flag = (value: unknown, label: string) => checkBoolean(context, itemIndex, value, label);
	return {
		practitionerId,
		locationId,
		clientId,
		appointmentTypeId,
		raw,
		subject: text(fields.subject, 'Subject'),
		notes: text(fields.notes, 'Notes'),
		flags: {
			isEmailReminderRequired: flag(fields.isEmailReminderRequired, 'Email Reminder'),
			isSmsReminderRequired: flag(fields.isSmsReminderRequired, 'SMS Reminder'),
			notifyPractitioner: flag(fields.notifyPractitioner, 'Notify Practitioner'),
		},
		zoneOverride: readZoneOverride(context, itemIndex, fields.timeZone),
		requestSettings: readRequestOptions(context, itemIndex),
		simplify: readSimplify(context, itemIndex),
	};
}

/** Body as documented on "Make a booking (POST)"; DateTimeOffsets in the location's zone. */
function bookingBody(input: BookingInput, times: BookingTimes): IDataObject {
	return {
		startDateTime: times.startDateTime,
		endDateTime: times.endDateTime,
		practitioner: { practitionerId: input.practitionerId },
		locationId: input.locationId,
		clients: [{ clientId: input.clientId }],
		...(input.appointmentTypeId ? { appointmentTypeId: input.appointmentTypeId } : {}),
		...(input.subject ? { subject: input.subject } : {}),
		...(input.notes ? { notes: input.notes } : {}),
		...Object.fromEntries(Object.entries(input.flags).filter(([, value]) => value !== undefined)),
	};
}

/** The booking, flat, keeping how it was found. The booking is made: a failed name look-up must not turn it into an error (tolerant). */
async function simplifiedBooking(
	context: IExecuteFunctions,
	itemIndex: number,
	booked: IDataObject,
): Promise<IDataObject> {
	const recovery = Object.fromEntries(
		RECOVERY_FLAGS.filter((flag) => booked[flag]).map((flag) => [flag, booked[flag]]),
	);
	return { ...(await simplifiedTimedRecord(context, itemIndex, booked, true)), ...recovery };
}
