import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RECORDS, readRecord } from '../../transport/endpoints';
import { additionalFields, readRequestOptions, requestOptions } from '../../helpers/parameters';
import { lookUpLocationZone } from '../../helpers/locationZone';
import {
	appointmentTypePicker,
	clientPicker,
	locationPicker,
	practitionerPicker,
	readPickedId,
} from '../../helpers/pickers';
import { ianaZoneFor } from '../../helpers/timezones';
import { readSimplify, simplifiedTimedRecord, simplifyProperty } from '../../helpers/simplify';
import type { OperationDefinition } from '../types';
import { checkBoolean, checkString, invalidParameter } from '../../helpers/validation';
import { precheckTimes, resolveBookingTimes, type BookingTimes } from './bookingTimes';
import { sendBookingOnce } from './sendBooking';

const TEXT_LIMIT = 300;
/** How sendBookingOnce says the booking was found rather than made by this request; kept when simplified. */
const RECOVERY_FLAGS = [
	'recoveredAfterLostResponse',
	'resentAfterLostResponse',
	'alreadyBooked',
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
		{
			displayName: 'Location Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Australia/Sydney',
			description:
				"IANA name of the location's time zone, only needed when coreplus names a zone the node does not know",
		},
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
		const practitionerId = readPickedId(this, 'practitionerId', itemIndex, 'Practitioner')!;
		const locationId = readPickedId(this, 'locationId', itemIndex, 'Location')!;
		const clientId = readPickedId(this, 'clientId', itemIndex, 'Client')!;
		const appointmentTypeId = readPickedId(
			this,
			'appointmentTypeId',
			itemIndex,
			'Appointment Type',
			false,
		);
		const raw = {
			start: this.getNodeParameter('start', itemIndex, ''),
			end: this.getNodeParameter('end', itemIndex, ''),
		};
		precheckTimes(this, itemIndex, raw, appointmentTypeId);
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const subject = checkString(this, itemIndex, fields.subject, {
			label: 'Subject',
			maxLength: TEXT_LIMIT,
		});
		const notes = checkString(this, itemIndex, fields.notes, {
			label: 'Notes',
			maxLength: TEXT_LIMIT,
		});
		const flags = {
			isEmailReminderRequired: checkBoolean(
				this,
				itemIndex,
				fields.isEmailReminderRequired,
				'Email Reminder',
			),
			isSmsReminderRequired: checkBoolean(
				this,
				itemIndex,
				fields.isSmsReminderRequired,
				'SMS Reminder',
			),
			notifyPractitioner: checkBoolean(
				this,
				itemIndex,
				fields.notifyPractitioner,
				'Notify Practitioner',
			),
		};
		const zoneOverride = checkString(this, itemIndex, fields.timeZone, {
			label: 'Location Time Zone',
		});
		if (zoneOverride && !ianaZoneFor(zoneOverride)) {
			throw invalidParameter(
				this,
				itemIndex,
				'Location Time Zone',
				`"${zoneOverride}" is not a time zone name`,
				'an IANA name such as Australia/Sydney',
			);
		}
		const requestSettings = readRequestOptions(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);

		const location = await lookUpLocationZone(this, locationId, itemIndex, 'Location');
		const zone = (zoneOverride && ianaZoneFor(zoneOverride)) ?? location.zone;
		if (!zone) {
			throw invalidParameter(
				this,
				itemIndex,
				'Location Time Zone',
				`the time zone of location "${location.name ?? locationId}" is not one the node knows`,
				"the location's IANA time zone name, e.g. Australia/Sydney, under Additional Fields",
			);
		}
		const times: BookingTimes = await resolveBookingTimes(
			this,
			itemIndex,
			raw,
			zone,
			appointmentTypeId,
		);

		// Body as documented on "Make a booking (POST)"; DateTimeOffsets in the location's zone.
		const body: IDataObject = {
			startDateTime: times.startDateTime,
			endDateTime: times.endDateTime,
			practitioner: { practitionerId },
			locationId,
			clients: [{ clientId }],
			...(appointmentTypeId ? { appointmentTypeId } : {}),
			...(subject ? { subject } : {}),
			...(notes ? { notes } : {}),
			...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)),
		};
		const send = () =>
			readRecord(this, RECORDS.bookAppointment, { body, itemIndex, ...requestSettings });
		const booked = await sendBookingOnce(
			this,
			itemIndex,
			send,
			{ practitionerId, clientId, start: times.start, zone, timezoneId: location.timezoneId },
			times,
		);
		if (!simplify) return booked;
		// The booking is made: a failed name look-up must not turn it into an error (tolerant).
		const recovery = Object.fromEntries(
			RECOVERY_FLAGS.filter((flag) => booked[flag]).map((flag) => [flag, booked[flag]]),
		);
		return { ...(await simplifiedTimedRecord(this, itemIndex, booked, true)), ...recovery };
	},
};
