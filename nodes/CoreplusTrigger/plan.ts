import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { idKey } from '../Coreplus/helpers/rules/ids';
import { pageCountFor } from '../Coreplus/transport/pagePositions';

import { fingerprintOf, startMillis } from './fingerprint';
import type { AppointmentState, TimeWindow } from './types';

/**
 * Which days of the look-ahead window one poll reads, so that a quiet poll's cost stays flat for
 * large practices. The appointment list is asked by local date in the query
 * zone and pages 100 rows a request, so reading the whole window costs 1 request per 100 watched
 * appointments every poll. Instead each poll reads:
 * - today (the query zone's date of `window.from`) every poll, whole: the changes that matter soonest;
 * - a slice of the later days, in turns: from where the last slice ended, as many days as the
 *   page budget allows by the appointments the state knows on them. A practice whose whole window
 *   fits the budget reads it all every poll, as before.
 * - a later day too big for what today leaves of the budget is read page by page across polls
 *   (`pagedDay.ts`): the rest of the budget each poll, at least one page. Its new and changed rows
 *   are told as soon as their page is read; its vanished ones once its last page is read.
 * So a quiet poll costs 1 (locations) + today's pages + the rest of the budget (at least one page),
 * and a change on a later day is seen within one turn: about (appointments in the window ÷ 100)
 * ÷ (pages today leaves) polls (about 90 on a weekday for a clinic with 15,000 weekday
 * appointments in 30 days, about 20 at the weekend), and in one poll when the window holds fewer
 * than ~800 appointments. A row removed from a page already read this turn is told a turn later.
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

/** A later day read page by page across polls (see `pagedDay.ts`). */
export interface PagedDay {
	date: string;
	/** The first page this poll reads, and how many pages at most. */
	firstPage: number;
	pages: number;
	/** Ids listed on the date's pages read by earlier polls of this turn. */
	seen: string[];
	/** The date's instants inside the window. */
	span: TimeWindow;
	/** Where the next slice starts once the date is done; undefined after the window's last date. */
	after?: string;
}

/** Where the next poll goes on reading the later days (kept in `AppointmentState`). */
export type FarCursor = Pick<AppointmentState, 'farCursor' | 'farPage' | 'farSeen'>;

export interface ReadPlan {
	/** The list queries of this poll (local dates in the query zone, both inclusive). */
	ranges: DateRange[];
	/** A later day this poll reads some pages of, besides `ranges`. */
	paged?: PagedDay;
	/** The instants this poll lists rows of: the ranges' and the paged day's. */
	read: TimeWindow[];
	/**
	 * The instants whose every row this poll (with its turn's earlier polls, for a paged day) has
	 * listed: only there can an appointment vanish.
	 */
	covered: TimeWindow[];
	/** Ids a paged day's earlier polls listed, finished this poll: not vanished. */
	seenEarlier?: string[];
	cursor: FarCursor;
	/** The furthest instant any poll has read up to (`AppointmentState.windowEnd`). */
	frontier: number;
}

const dateOf = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate()!;
const nextDate = (date: string, zone: string, days = 1) =>
	DateTime.fromISO(date, { zone }).plus({ days }).toISODate()!;
const startOfDate = (date: string, zone: string) => DateTime.fromISO(date, { zone }).toMillis();
const endOfDate = (date: string, zone: string) => startOfDate(nextDate(date, zone), zone) - 1;
const pagesOf = (rows: number) => Math.max(1, pageCountFor(rows, ROWS_PER_PAGE));

/** The whole window in one query; dates widened by a day when the zone is unknown. */
export function wholeWindow(window: TimeWindow, zone: string | undefined): ReadPlan {
	const widen = zone ? 0 : 1;
	const at = zone ?? 'UTC';
	const range = {
		startDate: nextDate(dateOf(window.from, at), at, -widen),
		endDate: nextDate(dateOf(window.to, at), at, widen),
	};
	return { ranges: [range], read: [window], covered: [window], cursor: {}, frontier: window.to };
}

function rowsByDate(previous: AppointmentState, zone: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const fingerprint of Object.values(previous.entries)) {
		const date = dateOf(startMillis(fingerprint), zone);
		counts.set(date, (counts.get(date) ?? 0) + 1);
	}
	return counts;
}

/** The dates a poll plans by: today, the window's last date, and the appointments known a date. */
interface Days {
	zone: string;
	window: TimeWindow;
	today: string;
	lastDate: string;
	counts: Map<string, number>;
	/** Pages left for the later days once the location list and today are read (at least 1). */
	spare: number;
}

type Slice = { first: string; last: string; cursor?: string } | { paged: PagedDay };

function pagedDay(days: Days, date: string, firstPage: number, seen: string[]): PagedDay {
	const { zone, window, lastDate } = days;
	const span = { from: startOfDate(date, zone), to: Math.min(endOfDate(date, zone), window.to) };
	const after = date < lastDate ? nextDate(date, zone) : undefined;
	return { date, firstPage, pages: days.spare, seen, span, after };
}

/** The later days this poll reads: from the cursor, as many as the budget allows, or one day's pages. */
function farSlice(previous: AppointmentState, days: Days): Slice | undefined {
	const { zone, today, lastDate, counts } = days;
	const tomorrow = nextDate(today, zone);
	const cursor = previous.farCursor;
	const first = cursor && cursor > tomorrow && cursor <= lastDate ? cursor : tomorrow;
	if (first > lastDate) return undefined;
	if (previous.farPage && cursor === first)
		return { paged: pagedDay(days, first, previous.farPage, previous.farSeen ?? []) };
	let rows = (first === tomorrow ? (counts.get(today) ?? 0) : 0) + (counts.get(first) ?? 0);
	// Today's pages (and the location list) come out of the same budget; read together with
	// tomorrow when contiguous.
	const budget = first === tomorrow ? POLL_REQUEST_BUDGET - 1 : days.spare;
	if (pagesOf(rows) > budget) return { paged: pagedDay(days, first, 1, []) };
	let last = first;
	while (last < lastDate) {
		const more = rows + (counts.get(nextDate(last, zone)) ?? 0);
		if (pagesOf(more) > budget) break;
		rows = more;
		last = nextDate(last, zone);
	}
	return { first, last, cursor: last < lastDate ? nextDate(last, zone) : undefined };
}

/** Today alone, plus a paged day when there is one. */
function todayPlus(days: Days, previous: AppointmentState, paged?: PagedDay): ReadPlan {
	const { today, window, zone } = days;
	const todayEnd = Math.min(endOfDate(today, zone), window.to);
	const todaySpan = { from: window.from, to: todayEnd };
	return {
		ranges: [{ startDate: today, endDate: today }],
		...(paged ? { paged } : {}),
		read: paged ? [todaySpan, paged.span] : [todaySpan],
		covered: [todaySpan],
		cursor: paged ? { farCursor: paged.date, farPage: paged.firstPage } : {},
		frontier: Math.max(previous.windowEnd, todayEnd),
	};
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
	const counts = rowsByDate(previous, zone);
	const spare = Math.max(1, POLL_REQUEST_BUDGET - 1 - pagesOf(counts.get(today) ?? 0));
	const days = { zone, window, today, lastDate: dateOf(window.to, zone), counts, spare };
	const slice = farSlice(previous, days);
	if (!slice || 'paged' in slice) return todayPlus(days, previous, slice?.paged);
	const todayEnd = Math.min(endOfDate(today, zone), window.to);
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
		read: covered,
		covered,
		cursor: slice.cursor ? { farCursor: slice.cursor } : {},
		frontier: Math.max(previous.windowEnd, sliceEnd),
	};
}

/**
 * The plan once the paged day's pages are read: `nextPage` undefined when its last page was read.
 * Then the day's span is covered, against the ids listed on it over the turn's polls. A row that
 * shifted to an already read page between polls (coreplus pages by position) looks vanished;
 * its look-up (GET Appointment/{id}) finds it unchanged, so no event is told for it. A row shifted
 * onto a later page is listed twice, which changes nothing.
 */
export function afterPagedDay(
	plan: ReadPlan,
	nextPage: number | undefined,
	listed: IDataObject[],
	zone: string | undefined,
): ReadPlan {
	const paged = plan.paged;
	if (!paged) return plan;
	const onDay = listed
		.filter((row) => isCovered([paged.span], startMillis(fingerprintOf(row, zone)!)))
		.map((row) => idKey(String(row.appointmentId)));
	const seen = [...new Set([...paged.seen, ...onDay])];
	if (nextPage !== undefined)
		return { ...plan, cursor: { farCursor: paged.date, farPage: nextPage, farSeen: seen } };
	return {
		...plan,
		covered: [...plan.covered, paged.span],
		seenEarlier: paged.seen,
		cursor: paged.after ? { farCursor: paged.after } : {},
		frontier: Math.max(plan.frontier, paged.span.to),
	};
}

/** Whether an instant lies in one of the covered spans. */
export function isCovered(covered: TimeWindow[], at: number): boolean {
	return covered.some((span) => at >= span.from && at <= span.to);
}
