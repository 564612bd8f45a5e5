import { DateTime, Interval } from 'luxon';

import type { EmulatorData, Row } from './data';
import { guid } from './data';
import { parseResponseDateTime } from './dateTimes';
import { ianaForTimezoneId } from './timezones';

/**
 * Practitioners' working hours, from which the emulator derives free slots (coreplus' own rules
 * are not documented). Each practitioner works at the first of their locations on Monday,
 * Wednesday, Friday and Saturday morning, and at the second on Tuesday and Thursday, 09:00-12:00
 * and 13:00-17:00 local time in the LOCATION's zone (so hours follow daylight saving). Sundays
 * are closed. Booked appointments of the practitioner, at any location, are taken out.
 * Past slots are served too, so that tests can use fixed dates.
 */
const WEEKDAY_HOURS: Record<number, { site: 0 | 1; hours: Array<[string, string]> } | undefined> = {
	1: {
		site: 0,
		hours: [
			['09:00', '12:00'],
			['13:00', '17:00'],
		],
	},
	2: {
		site: 1,
		hours: [
			['09:00', '12:00'],
			['13:00', '17:00'],
		],
	},
	3: {
		site: 0,
		hours: [
			['09:00', '12:00'],
			['13:00', '17:00'],
		],
	},
	4: {
		site: 1,
		hours: [
			['09:00', '12:00'],
			['13:00', '17:00'],
		],
	},
	5: {
		site: 0,
		hours: [
			['09:00', '12:00'],
			['13:00', '17:00'],
		],
	},
	6: { site: 0, hours: [['09:00', '13:00']] },
};

export interface FreeTime {
	practitionerId: string;
	locationId: string;
	interval: Interval;
}

/** Specialty ids, one per discipline (coreplus documents the `specialtyId` filter but no list). */
export function specialtyIdOf(practitioner: Row): string {
	const disciplines = [
		'Exercise Physiologist',
		'Occupational Therapist',
		'Physiotherapist',
		'Psychologist',
		'Speech Pathologist',
	];
	return guid(6, disciplines.indexOf(String(practitioner.discipline)) + 1);
}

export function locationZone(location: Row | undefined): string {
	const zone = location && ianaForTimezoneId(String(location.timezoneId));
	if (!zone)
		throw new Error(`emulator seed: location ${location?.locationId} has no known time zone`);
	return zone;
}

/** Appointments that hold the practitioner's time (cancelled ones free it). */
export function busyIntervals(
	data: EmulatorData,
	practitionerId: string,
	ignoreAppointmentId?: string,
): Interval[] {
	return data.appointments
		.filter(
			(a) =>
				(a.practitioner as Row)?.practitionerId === practitionerId &&
				a.status !== 'Cancelled' &&
				a.deleted !== true &&
				a.appointmentId !== ignoreAppointmentId,
		)
		.map((a) =>
			Interval.fromDateTimes(
				parseResponseDateTime(a.startDateTime),
				parseResponseDateTime(a.endDateTime),
			),
		);
}

export function isPractitionerFree(
	data: EmulatorData,
	practitionerId: string,
	wanted: Interval,
	ignoreAppointmentId?: string,
): boolean {
	return !busyIntervals(data, practitionerId, ignoreAppointmentId).some((busy) =>
		busy.overlaps(wanted),
	);
}

function workingIntervals(
	practitioner: Row,
	location: Row,
	from: DateTime,
	to: DateTime,
): Interval[] {
	const zone = locationZone(location);
	const site = (practitioner.locationIds as string[]).indexOf(String(location.locationId));
	const intervals: Interval[] = [];
	// Walk local calendar days of the location, one either side of the range for zone differences.
	for (
		let day = from.setZone(zone).startOf('day').minus({ days: 1 });
		day < to.plus({ days: 1 });
		day = day.plus({ days: 1 })
	) {
		const plan = WEEKDAY_HOURS[day.weekday];
		if (!plan || plan.site !== site) continue;
		for (const [start, end] of plan.hours) {
			const [startHour, startMinute] = start.split(':').map(Number);
			const [endHour, endMinute] = end.split(':').map(Number);
			intervals.push(
				Interval.fromDateTimes(
					day.set({ hour: startHour, minute: startMinute }),
					day.set({ hour: endHour, minute: endMinute }),
				),
			);
		}
	}
	return intervals;
}

/** Free time of the given practitioners at the given locations whose start lies in [from, to). */
export function freeTime(
	data: EmulatorData,
	practitioners: Row[],
	locations: Row[],
	from: DateTime,
	to: DateTime,
): FreeTime[] {
	const result: FreeTime[] = [];
	for (const practitioner of practitioners) {
		const busy = busyIntervals(data, String(practitioner.practitionerId));
		for (const location of locations) {
			if (!(practitioner.locationIds as string[]).includes(String(location.locationId))) continue;
			for (const working of workingIntervals(practitioner, location, from, to)) {
				for (const free of working.difference(...busy)) {
					if (free.start! >= from && free.start! < to) {
						result.push({
							practitionerId: String(practitioner.practitionerId),
							locationId: String(location.locationId),
							interval: free,
						});
					}
				}
			}
		}
	}
	return result.sort((a, b) => a.interval.start!.toMillis() - b.interval.start!.toMillis());
}

/** Free time cut into whole chunks of `minutes` (what coreplus does when an appointment type is given). */
export function splitInto(free: FreeTime[], minutes: number): FreeTime[] {
	return free.flatMap((slot) =>
		slot.interval
			.splitBy({ minutes })
			.filter((chunk) => chunk.length('minutes') === minutes)
			.map((interval) => ({ ...slot, interval })),
	);
}
