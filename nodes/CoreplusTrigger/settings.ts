import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { locationPicker, practitionerPicker } from '../Coreplus/helpers/parameters/pickers';
import { invalidParameter } from '../Coreplus/helpers/validation/validation';
import type { ReminderRules } from './startingSoon';
import { APPOINTMENT_EVENTS, type TriggerEvent } from './types';

const DEFAULT_LOOK_AHEAD_DAYS = 30;
const MAX_LOOK_AHEAD_DAYS = 365;

const EVENT_OPTIONS: Array<{ name: string; value: TriggerEvent; description: string }> = [
	{
		name: 'New Appointment',
		value: 'newAppointment',
		description: 'An appointment appears in the look-ahead window',
	},
	{
		name: 'Appointment Updated',
		value: 'appointmentUpdated',
		description: 'Time, practitioner, location, status, type or clients of an appointment changed',
	},
	{
		name: 'Appointment Cancelled',
		value: 'appointmentCancelled',
		description: 'An appointment in the window is cancelled or deleted',
	},
	{
		name: 'Appointment Status Changed',
		value: 'appointmentStatusChanged',
		description:
			"An appointment's status changes, for example to Attended or Did Not Arrive (today's earlier appointments included)",
	},
	{
		name: 'Appointment Starting Soon',
		value: 'appointmentStartingSoon',
		description: 'A chosen time before an appointment starts, once per appointment and start time',
	},
	{
		name: 'New Client',
		value: 'newClient',
		description: 'A client is added (a client ID not seen before)',
	},
	{
		name: 'Invoice Created',
		value: 'invoiceCreated',
		description:
			'An invoice is made (one coreplus has not listed as changed before, dated from the last check on)',
	},
	{
		name: 'Invoice Updated',
		value: 'invoiceUpdated',
		description: "An invoice's details change (coreplus' updatedSince), payments included",
	},
	{
		name: 'Invoice Paid',
		value: 'invoicePaid',
		description: 'Nothing is owing any more on an invoice that changed',
	},
];

const showForAppointments = { show: { events: APPOINTMENT_EVENTS } };
const showFor = (event: TriggerEvent) => ({ show: { events: [event] } });
const DEFAULT_GRACE_MINUTES = 60;

/** The canvas subtitle: the chosen events by name ("New Appointment, New Client"), not their internal values. */
export function eventsSubtitle(): string {
	const names = Object.fromEntries(EVENT_OPTIONS.map(({ value, name }) => [value, name]));
	return `={{ ($parameter["events"] || []).map((event) => (${JSON.stringify(names)})[event] || event).join(", ") }}`;
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'When the workflow is activated, the first check only records what is in coreplus and starts nothing; later checks start the workflow once for each change. "Fetch Test Event" returns the most recent real record so you can map its fields.',
		name: 'firstPollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: ['newAppointment'],
		required: true,
		description: 'The changes that start the workflow',
	},
	{
		displayName: 'Look-Ahead Days',
		name: 'lookAheadDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LOOK_AHEAD_DAYS, numberPrecision: 0 },
		default: DEFAULT_LOOK_AHEAD_DAYS,
		description:
			'Appointments starting between now and this many days ahead are watched. One that leaves the window because its time has passed starts nothing.',
		displayOptions: showForAppointments,
	},
	{
		...locationPicker({
			name: 'locationIds',
			displayName: 'Locations',
			multiple: true,
			description: 'Only appointments at these locations; leave empty for all',
		}),
		displayName: 'Location Names or IDs',
		displayOptions: showForAppointments,
	},
	{
		...practitionerPicker({
			name: 'practitionerIds',
			displayName: 'Practitioners',
			multiple: true,
			description: 'Only appointments with these practitioners; leave empty for all',
		}),
		displayName: 'Practitioner Names or IDs',
		displayOptions: showForAppointments,
	},
	{
		displayName: 'Status Names or IDs',
		name: 'statuses',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAppointmentStatuses' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Only changes to these statuses start the workflow; empty for every status. Listed: the statuses coreplus used in the last and next week; type others as comma-separated text in an expression.',
		displayOptions: showFor('appointmentStatusChanged'),
	},
	{
		displayName: 'Remind Before',
		name: 'remindBefore',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 24,
		description: 'How long before the start the event comes',
		displayOptions: showFor('appointmentStartingSoon'),
	},
	{
		displayName: 'Remind Before Unit',
		name: 'remindBeforeUnit',
		type: 'options',
		options: [
			{ name: 'Hours', value: 'hours' },
			{ name: 'Minutes', value: 'minutes' },
		],
		default: 'hours',
		displayOptions: showFor('appointmentStartingSoon'),
	},
	{
		displayName: 'Late Reminders Up To (Minutes)',
		name: 'lateGraceMinutes',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: DEFAULT_GRACE_MINUTES,
		description:
			'After n8n or the workflow was stopped, a reminder due meanwhile still comes this long after its time, with timing "late"; later ones come with timing "missed", so a workflow can skip them',
		displayOptions: showFor('appointmentStartingSoon'),
	},
];

export interface TriggerSettings {
	events: TriggerEvent[];
	lookAheadDays: number;
	locationIds: string[];
	practitionerIds: string[];
	/** Appointment Status Changed: the new statuses told, in lower case; empty for all. */
	statuses: string[];
	/** Appointment Starting Soon only. */
	reminders?: ReminderRules;
}

function idList(context: IPollFunctions, name: string, label: string): string[] {
	const value = context.getNodeParameter(name, []) as unknown;
	const list = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) {
		throw invalidParameter(
			context,
			0,
			label,
			'expected a list of IDs',
			'IDs picked from the list, or a comma-separated text of IDs',
		);
	}
	return [...new Set(list.map((id: string) => id.trim()).filter(Boolean))].sort();
}

/** Reads and checks the parameters before any request is sent. */
export function readSettings(context: IPollFunctions): TriggerSettings {
	const rawEvents = context.getNodeParameter('events', []) as unknown;
	const allowed = EVENT_OPTIONS.map((option) => option.value);
	if (
		!Array.isArray(rawEvents) ||
		!rawEvents.length ||
		rawEvents.some((event) => !allowed.includes(event))
	) {
		throw invalidParameter(
			context,
			0,
			'Events',
			'choose at least one known event',
			EVENT_OPTIONS.map((option) => option.name).join(', '),
		);
	}
	const events = rawEvents as TriggerEvent[];
	const watchesAppointments = events.some((event) => APPOINTMENT_EVENTS.includes(event));
	const lookAheadDays = watchesAppointments
		? Number(context.getNodeParameter('lookAheadDays', DEFAULT_LOOK_AHEAD_DAYS))
		: DEFAULT_LOOK_AHEAD_DAYS;
	if (
		!Number.isInteger(lookAheadDays) ||
		lookAheadDays < 1 ||
		lookAheadDays > MAX_LOOK_AHEAD_DAYS
	) {
		throw invalidParameter(
			context,
			0,
			'Look-Ahead Days',
			`${lookAheadDays} is not allowed`,
			`a whole number from 1 to ${MAX_LOOK_AHEAD_DAYS}`,
		);
	}
	return {
		events,
		lookAheadDays,
		locationIds: watchesAppointments ? idList(context, 'locationIds', 'Location Names or IDs') : [],
		practitionerIds: watchesAppointments
			? idList(context, 'practitionerIds', 'Practitioner Names or IDs')
			: [],
		statuses: events.includes('appointmentStatusChanged')
			? idList(context, 'statuses', 'Status Names or IDs').map(statusKey)
			: [],
		...(events.includes('appointmentStartingSoon')
			? { reminders: reminderRules(context, lookAheadDays) }
			: {}),
	};
}

/** A status as compared: coreplus' text, case and surrounding spaces aside. */
export function statusKey(status: string): string {
	return status.trim().toLowerCase();
}

const MINUTE_MS = 60_000;

function wholeNumber(
	context: IPollFunctions,
	name: string,
	label: string,
	fallback: number,
	[min, max]: [number, number],
): number {
	const value = Number(context.getNodeParameter(name, fallback));
	if (!Number.isInteger(value) || value < min || value > max) {
		const allowed = `a whole number from ${min} to ${max}`;
		throw invalidParameter(context, 0, label, `${value} is not allowed`, allowed);
	}
	return value;
}

/** Remind Before (within the look-ahead window, where the trigger knows appointments) and the grace window. */
function reminderRules(context: IPollFunctions, lookAheadDays: number): ReminderRules {
	const unit = context.getNodeParameter('remindBeforeUnit', 'hours');
	if (unit !== 'hours' && unit !== 'minutes')
		throw invalidParameter(context, 0, 'Remind Before Unit', `${String(unit)}`, 'Hours, Minutes');
	const unitMs = unit === 'hours' ? 60 * MINUTE_MS : MINUTE_MS;
	const most = Math.floor((lookAheadDays * 24 * 60 * MINUTE_MS) / unitMs);
	const lead = wholeNumber(context, 'remindBefore', 'Remind Before', 24, [1, most]);
	const grace = wholeNumber(context, 'lateGraceMinutes', 'Late Reminders Up To (Minutes)', 60, [
		0,
		7 * 24 * 60,
	]);
	return { leadMs: lead * unitMs, graceMs: grace * MINUTE_MS };
}
