import type { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { isAbsolute } from '../parameters/dateRange';
import { findInDirectory } from '../directory/directoryLists';
import { toCoreplusDateTimeOffset } from '../rules/timezones';
import { invalidParameter, parseDateTime } from '../validation/validation';

export interface RawTimes {
	start: unknown;
	end: unknown;
}

export interface BookingTimes {
	start: DateTime;
	end: DateTime;
	/** coreplus' request form, e.g. "2026-04-05 09:00 +10:00". */
	startDateTime: string;
	endDateTime: string;
}

/**
 * What sets the end when End is empty: Book's appointment type (its duration), or Reschedule's
 * current appointment (its length is kept).
 */
export type EndWhenEmpty = { appointmentTypeId?: string } | { keepMinutes: number };

const hasValue = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Checks the times before any request: Start must parse, End (when given) must parse and, when
 * both are written the same way (both local, or both with an offset), lie after Start. Without an
 * End, Book needs an Appointment Type; Reschedule keeps the length (`endSetElsewhere`).
 */
export function precheckTimes(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawTimes,
	endSetElsewhere: boolean,
): void {
	if (!hasValue(raw.start))
		throw invalidParameter(context, itemIndex, 'Start', 'a value is required');
	const start = parseDateTime(context, itemIndex, raw.start, 'Start');
	if (!hasValue(raw.end)) {
		if (!endSetElsewhere) {
			throw invalidParameter(
				context,
				itemIndex,
				'End',
				'an end is needed when no Appointment Type is chosen',
				'an end time, or an Appointment Type whose duration sets the end',
			);
		}
		return;
	}
	const end = parseDateTime(context, itemIndex, raw.end, 'End');
	if (isAbsolute(raw.start) === isAbsolute(raw.end)) {
		const [startLocal, endLocal] = isAbsolute(raw.start)
			? [start.toMillis(), end.toMillis()]
			: [start.toISO()!, end.toISO()!];
		if (endLocal <= startLocal)
			throw invalidParameter(
				context,
				itemIndex,
				'End',
				`${String(raw.end)} is not after the Start ${String(raw.start)}`,
				'a time after the Start',
			);
	}
}

/** The duration of an appointment type, from the (inferred) appointment type list. */
async function typeDurationMinutes(
	context: IExecuteFunctions,
	itemIndex: number,
	appointmentTypeId: string,
): Promise<number> {
	const type = await findInDirectory(context, 'appointmentTypes', appointmentTypeId, itemIndex);
	if (!type)
		throw invalidParameter(
			context,
			itemIndex,
			'Appointment Type',
			`coreplus has no appointment type with ID ${appointmentTypeId}`,
			'a type from the list',
		);
	const minutes = Number(type.durationMinutes);
	if (!Number.isFinite(minutes) || minutes <= 0) {
		throw invalidParameter(
			context,
			itemIndex,
			'End',
			`appointment type "${String(type.description ?? appointmentTypeId)}" has no duration`,
			'an explicit end time',
		);
	}
	return minutes;
}

/** A wall-clock time that does not exist (skipped when daylight saving starts) is refused, not shifted. */
function inZone(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	zone: string,
): DateTime {
	const parsed = parseDateTime(context, itemIndex, value, label, zone).setZone(zone);
	if (!isAbsolute(value)) {
		const written = String(value).trim().replace(' ', 'T').slice(0, 16);
		if (written.length === 16 && parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== written) {
			throw invalidParameter(
				context,
				itemIndex,
				label,
				`${written.replace('T', ' ')} does not exist in ${zone} (the clocks skip it when daylight saving starts)`,
				'a time outside the skipped hour',
			);
		}
	}
	return parsed;
}

/**
 * Start and end in the location's zone. A value without an offset is the clinic's wall-clock time;
 * a value with an offset or Z (or an n8n date) is an instant and is converted to the clinic's zone.
 * The request form carries the zone's offset AT THAT INSTANT, so daylight saving is respected.
 */
export async function resolveBookingTimes(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawTimes,
	zone: string,
	endWhenEmpty: EndWhenEmpty,
): Promise<BookingTimes> {
	const start = inZone(context, itemIndex, raw.start, 'Start', zone);
	const minutes = async () =>
		'keepMinutes' in endWhenEmpty
			? endWhenEmpty.keepMinutes
			: await typeDurationMinutes(context, itemIndex, endWhenEmpty.appointmentTypeId!);
	const end = hasValue(raw.end)
		? inZone(context, itemIndex, raw.end, 'End', zone)
		: start.plus({ minutes: await minutes() });
	if (end <= start) {
		throw invalidParameter(
			context,
			itemIndex,
			'End',
			`${end.toISO()} is not after the Start ${start.toISO()} (both in ${zone})`,
			'a time after the Start',
		);
	}
	return {
		start,
		end,
		startDateTime: toCoreplusDateTimeOffset(start, zone),
		endDateTime: toCoreplusDateTimeOffset(end, zone),
	};
}
