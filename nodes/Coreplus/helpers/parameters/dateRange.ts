import type { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { lookUpLocationZone } from '../directory/locationZone';
import { locationPicker, readPickedId } from './pickers';
import { checkId, checkOption, invalidParameter, parseDateTime } from '../validation/validation';
import { hasOffset } from '../rules/dates';

/**
 * The date range and time zone of a slot or appointment search. coreplus takes calendar dates
 * (`startDate`/`endDate`, yyyy-mm-dd) and a `timezoneId` in which it reads those dates and writes
 * the results. Users pick a location and its zone is used, or give a timezone ID.
 */
// Without its final period: the descriptions end on a literal '.', which n8n's scanner reads.
const DATE_ZONE_NOTE =
	"Read as a calendar date in the search time zone below. A value with an offset or Z (e.g. {{ $now }}) is first converted to that zone when it is a location's zone";

export const dateRangeProperties: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '={{ $today.toISODate() }}',
		description: `First day to search (included); default today. ${DATE_ZONE_NOTE}.`,
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		default: '={{ $today.plus({ days: 7 }).toISODate() }}',
		description: `Last day to search (included); default a week ahead. ${DATE_ZONE_NOTE}.`,
	},
	{
		displayName: 'Time Zone',
		name: 'timeZoneSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: "Location's Time Zone",
				value: 'location',
				description: 'Look the location up and use its timezone ID',
			},
			{
				name: 'Timezone ID',
				value: 'timezoneId',
				description: 'A coreplus timezone ID, as Location → Get Many returns it',
			},
		],
		default: 'location',
		description: 'The zone coreplus reads the dates in and writes the results in',
	},
	{
		...locationPicker({
			name: 'timeZoneLocationId',
			displayName: 'Time Zone Location',
			required: true,
			description: 'The location whose time zone is used',
		}),
		displayOptions: { show: { timeZoneSource: ['location'] } },
	},
	{
		displayName: 'Timezone ID',
		name: 'timezoneId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'timezoneId from Location → Get Many',
		description:
			'The coreplus timezone ID (a GUID, not an IANA name). Dates with an offset are taken as written, since the ID alone does not tell the zone.',
		displayOptions: { show: { timeZoneSource: ['timezoneId'] } },
	},
];

export interface DateRange {
	startDate: string;
	endDate: string;
	timezoneId: string;
}

/** Whether a date value names an instant (an offset, Z, or a date object) rather than a local time. */
export function isAbsolute(value: unknown): boolean {
	if (typeof value !== 'string') return true;
	return hasOffset(value);
}

function calendarDate(parsed: DateTime, absolute: boolean, zone: string | undefined): string {
	return (absolute && zone ? parsed.setZone(zone) : parsed).toISODate()!;
}

function checkOrderAndSpan(
	context: IExecuteFunctions,
	itemIndex: number,
	startDate: string,
	endDate: string,
	maxDays?: number,
) {
	if (endDate < startDate) {
		throw invalidParameter(
			context,
			itemIndex,
			'End Date',
			`${endDate} is before the Start Date ${startDate}`,
			'a date on or after the Start Date',
		);
	}
	const days = Math.round((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000) + 1;
	if (maxDays !== undefined && days > maxDays) {
		throw invalidParameter(
			context,
			itemIndex,
			'End Date',
			`the range covers ${days} days`,
			`at most ${maxDays} days per search; split longer ranges into several searches`,
		);
	}
}

/**
 * Reads and checks the range (before any request: unparseable dates, end before start, too long),
 * then resolves the time zone, looking the location up when asked to.
 */
export async function readDateRange(
	context: IExecuteFunctions,
	itemIndex: number,
	maxDays?: number,
): Promise<DateRange> {
	const rawStart = context.getNodeParameter('startDate', itemIndex, '') as unknown;
	const rawEnd = context.getNodeParameter('endDate', itemIndex, '') as unknown;
	if (rawStart === '' || rawStart === undefined || rawStart === null)
		throw invalidParameter(context, itemIndex, 'Start Date', 'a value is required');
	if (rawEnd === '' || rawEnd === undefined || rawEnd === null)
		throw invalidParameter(context, itemIndex, 'End Date', 'a value is required');
	const start = parseDateTime(context, itemIndex, rawStart, 'Start Date');
	const end = parseDateTime(context, itemIndex, rawEnd, 'End Date');
	// First check on the dates as written; repeated below once the zone is known.
	checkOrderAndSpan(context, itemIndex, start.toISODate()!, end.toISODate()!, maxDays);

	const source = checkOption(
		context,
		itemIndex,
		context.getNodeParameter('timeZoneSource', itemIndex, 'location'),
		['location', 'timezoneId'] as const,
		'Time Zone',
	);
	let timezoneId: string;
	let zone: string | undefined;
	if (source === 'timezoneId') {
		timezoneId = checkId(
			context,
			itemIndex,
			context.getNodeParameter('timezoneId', itemIndex, ''),
			'Timezone ID',
		)!;
	} else {
		const locationId = readPickedId(
			context,
			'timeZoneLocationId',
			itemIndex,
			'Time Zone Location',
		)!;
		({ timezoneId, zone } = await lookUpLocationZone(
			context,
			locationId,
			itemIndex,
			'Time Zone Location',
		));
	}
	const startDate = calendarDate(start, isAbsolute(rawStart), zone);
	const endDate = calendarDate(end, isAbsolute(rawEnd), zone);
	checkOrderAndSpan(context, itemIndex, startDate, endDate, maxDays);
	return { startDate, endDate, timezoneId };
}
