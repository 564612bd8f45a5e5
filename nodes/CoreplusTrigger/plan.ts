import { DateTime } from 'luxon';

import { pageCountFor } from '../Coreplus/transport/pagePositions';

import { startMillis } from './fingerprint';
import type { AppointmentState, TimeWindow } from './types';

/**
 * Which days of the look-ahead window one poll reads, so that a quiet poll's cost stays flat for
 * large practices. The appointment list is asked by local date in the query
 * zone and pages 100 rows a request, so reading the whole window costs 1 request per 100 watched
 * appointments every poll. Instead each poll reads:
 * - today (the query zone's date of the poll) every poll: the changes that matter soonest;
 * - a slice of the later days, in turns: from where the last slice ended, as many days as the
 *   page budget allows by the appointments the state knows on them (at least one day). A practice
 *   whose whole window fits the budget reads it all every poll, as before.
 * A change on a later day is therefore seen within one turn of the slices: at most
 * (Look-Ahead Days − 1) polls, and in one poll when the window holds fewer than ~800 appointments.
 * The first poll, a poll after Look-Ahead Days changed, and a zone the node cannot read (then the
 * dates are widened by a day on each side, as the zone is unknown) read the whole window.
 */

/** Requests a quiet poll should stay within: the location list, today's pages, the slice's pages. */
export const POLL_REQUEST_BUDGET = 10;
const ROWS_PER_PAGE = 100;

export interface DateRange {
	startDate: string;
	endDate: string;
}

export interface ReadPlan {
	/** The list queries of this poll (local dates in the query zone, both inclusive). */
	ranges: DateRange[];
	/** The instants those ranges cover inside the window: only there can an appointment vanish or appear. */
	covered: TimeWindow[];
	/** The first date of the next slice; undefined when the next poll starts again after today. */
	farCursor?: string;
	/** The furthest instant any poll has read up to (`AppointmentState.windowEnd`). */
	frontier: number;
}

const dateOf = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate()!;
const nextDate = (date: string, zone: string, days = 1) =>
	DateTime.fromISO(date, { zone }).plus({ days }).toISODate()!;
const startOfDate = (date: string, zone: string) => DateTime.fromISO(date, { zone }).toMillis();
const endOfDate = (date: string, zone: string) => startOfDate(nextDate(date, zone), zone) - 1;

/** The whole window in one query; dates widened by a day when the zone is unknown. */
export function wholeWindow(window: TimeWindow, zone: string | undefined): ReadPlan {
	const widen = zone ? 0 : 1;
	const at = zone ?? 'UTC';
	const range = {
		startDate: nextDate(dateOf(window.from, at), at, -widen),
		endDate: nextDate(dateOf(window.to, at), at, widen),
	};
	return { ranges: [range], covered: [window], frontier: window.to };
}

function rowsByDate(previous: AppointmentState, zone: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const fingerprint of Object.values(previous.entries)) {
		const date = dateOf(startMillis(fingerprint), zone);
		counts.set(date, (counts.get(date) ?? 0) + 1);
	}
	return counts;
}

/** The later days this poll reads: from the cursor, as many as the budget allows (at least one). */
function farSlice(previous: AppointmentState, zone: string, today: string, lastDate: string) {
	const counts = rowsByDate(previous, zone);
	const pagesOf = (rows: number) => Math.max(1, pageCountFor(rows, ROWS_PER_PAGE));
	const tomorrow = nextDate(today, zone);
	const cursor = previous.farCursor;
	const first = cursor && cursor > tomorrow && cursor <= lastDate ? cursor : tomorrow;
	if (first > lastDate) return undefined;
	let rows = (first === tomorrow ? (counts.get(today) ?? 0) : 0) + (counts.get(first) ?? 0);
	// Today's pages (and the location list) come out of the same budget.
	const budget =
		POLL_REQUEST_BUDGET - 1 - (first === tomorrow ? 0 : pagesOf(counts.get(today) ?? 0));
	let last = first;
	while (last < lastDate) {
		const more = rows + (counts.get(nextDate(last, zone)) ?? 0);
		if (pagesOf(more) > budget) break;
		rows = more;
		last = nextDate(last, zone);
	}
	return { first, last, cursor: last < lastDate ? nextDate(last, zone) : undefined };
}

/** The reads of one poll (see the module comment). */
export function planReads(
	window: TimeWindow,
	zone: string | undefined,
	previous: AppointmentState | undefined,
	lookAheadDays: number,
): ReadPlan {
	if (!zone || !previous || previous.lookAheadDays !== lookAheadDays)
		return wholeWindow(window, zone);
	const today = dateOf(window.from, zone);
	const lastDate = dateOf(window.to, zone);
	const slice = farSlice(previous, zone, today, lastDate);
	const todayEnd = Math.min(endOfDate(today, zone), window.to);
	if (!slice)
		return {
			ranges: [{ startDate: today, endDate: today }],
			covered: [{ from: window.from, to: todayEnd }],
			frontier: Math.max(previous.windowEnd, todayEnd),
		};
	const sliceEnd = Math.min(endOfDate(slice.last, zone), window.to);
	const contiguous = slice.first === nextDate(today, zone);
	const ranges = contiguous
		? [{ startDate: today, endDate: slice.last }]
		: [
				{ startDate: today, endDate: today },
				{ startDate: slice.first, endDate: slice.last },
			];
	const covered = contiguous
		? [{ from: window.from, to: sliceEnd }]
		: [
				{ from: window.from, to: todayEnd },
				{ from: startOfDate(slice.first, zone), to: sliceEnd },
			];
	return {
		ranges,
		covered,
		farCursor: slice.cursor,
		frontier: Math.max(previous.windowEnd, sliceEnd),
	};
}

/** Whether an instant lies in one of the covered spans. */
export function isCovered(covered: TimeWindow[], at: number): boolean {
	return covered.some((span) => at >= span.from && at <= span.to);
}
