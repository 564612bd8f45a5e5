import type { IDataObject } from 'n8n-workflow';

import { fingerprintOf, instantOf, isCancelled, startMillis } from './fingerprint';
import {
	CLOCK_STEP_TOLERANCE_MS,
	hasId,
	idMap,
	type AppointmentFingerprint,
	type IdMap,
	type ReminderState,
} from './types';

/**
 * Appointment Starting Soon: one reminder per appointment and start time, `leadMs` before the
 * start. Rules:
 * - Reminders are told from the first poll that watches them with this lead on (`from`): one that
 *   came due before is not this trigger's to tell (activating the workflow sends no backlog).
 * - A reschedule re-arms the reminder (it is remembered with the start it was told for); a
 *   cancelled appointment never fires, and neither does one the poll cannot confirm afresh.
 * - Timing: on time when told at the first regular poll after it came due (or when first seen,
 *   for a booking made inside the lead); late when later than that (the trigger or n8n was down)
 *   but within the grace window; missed past the grace window or once the appointment has
 *   started. Missed reminders are told too, marked, never dropped silently.
 * "Regular" is learned: the median of the last gaps between polls, so one long outage does not
 * move it.
 */

export type ReminderTiming = 'onTime' | 'late' | 'missed';

export interface ReminderRules {
	leadMs: number;
	graceMs: number;
}

export interface DueReminder {
	id: string;
	fingerprint: AppointmentFingerprint;
	dueAt: number;
	timing: ReminderTiming;
	minutesLate: number;
}

const KEPT_GAPS = 5;
/** n8n's default poll schedule (every minute), until this trigger has seen its own gaps. */
const DEFAULT_GAP_MS = 60_000;
/** A poll may start this much after its schedule on a busy n8n and still be on time. */
const SCHEDULER_SLACK_MS = 30_000;

const startKey = (fingerprint: AppointmentFingerprint) => startMillis(fingerprint).toString(36);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : DEFAULT_GAP_MS;
}

/** The memory this poll starts from: carried over, or started afresh (first poll, another lead). */
export function remindersAt(
	previous: ReminderState | undefined,
	rules: ReminderRules,
	now: number,
): { state: ReminderState; fresh: boolean } {
	if (!previous || previous.leadMs !== rules.leadMs) {
		return {
			state: { from: now, leadMs: rules.leadMs, polledAt: now, gaps: [], told: idMap() },
			fresh: true,
		};
	}
	const gap = now - previous.polledAt;
	const gaps = gap > 0 ? [...previous.gaps, gap].slice(-KEPT_GAPS) : previous.gaps;
	return { state: { ...previous, polledAt: now, gaps }, fresh: false };
}

function timingOf(
	becameDueAt: number,
	start: number,
	now: number,
	usualGapMs: number,
	rules: ReminderRules,
): Pick<DueReminder, 'timing' | 'minutesLate'> {
	const delay = Math.max(0, now - becameDueAt);
	const minutesLate = Math.round(delay / 60_000);
	if (start <= now || delay > rules.graceMs) return { timing: 'missed', minutesLate };
	if (delay > usualGapMs * 1.5 + SCHEDULER_SLACK_MS) return { timing: 'late', minutesLate };
	return { timing: 'onTime', minutesLate: 0 };
}

export interface DueInput {
	/** The entries after this poll's diff (what the trigger knows now). */
	entries: IdMap<AppointmentFingerprint>;
	/** The entries of the previous poll: an appointment known there at the same start was due since `dueAt`. */
	known: IdMap<AppointmentFingerprint>;
	reminders: ReminderState;
	rules: ReminderRules;
	now: number;
}

/** The reminders due at this poll, oldest due first (not yet confirmed: see `confirmDue`). */
export function dueReminders({ entries, known, reminders, rules, now }: DueInput): DueReminder[] {
	const usualGap = median(reminders.gaps);
	const due: DueReminder[] = [];
	for (const [id, fingerprint] of Object.entries(entries)) {
		const start = startMillis(fingerprint);
		const dueAt = start - rules.leadMs;
		if (dueAt > now || isCancelled(fingerprint)) continue;
		if (reminders.told[id] === startKey(fingerprint)) continue;
		const wasKnown =
			hasId(known, id) && instantOf(known[id].start) === instantOf(fingerprint.start);
		// First seen at this start now (booked or moved inside the lead): due from now on.
		if (!wasKnown && start <= now) continue;
		const becameDueAt = wasKnown ? dueAt : now;
		if (becameDueAt < reminders.from) continue;
		due.push({ id, fingerprint, dueAt, ...timingOf(becameDueAt, start, now, usualGap, rules) });
	}
	return due.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/**
 * Keeps the reminders told for appointments still known at the start they were told for (a
 * reschedule clears it, re-arming the reminder), adds `confirmed`, and drops the rest.
 */
export function rememberTold(
	reminders: ReminderState,
	entries: IdMap<AppointmentFingerprint>,
	confirmed: DueReminder[],
): ReminderState {
	const told = idMap<string>();
	for (const [id, key] of Object.entries(reminders.told))
		if (hasId(entries, id) && startKey(entries[id]) === key) told[id] = key;
	for (const reminder of confirmed) told[reminder.id] = startKey(reminder.fingerprint);
	return { ...reminders, told };
}

/**
 * Whether a due reminder still holds, by the record read this poll (listed or looked up): the
 * appointment exists, is not cancelled and still starts at the time it came due for.
 */
export function stillDue(
	reminder: DueReminder,
	record: IDataObject | null,
	zone: string | undefined,
): boolean {
	const current = record && fingerprintOf(record, zone);
	return (
		!!current &&
		!isCancelled(current) &&
		instantOf(current.start) === instantOf(reminder.fingerprint.start)
	);
}

/** Whether the last poll was so long ago that reminders due meanwhile may have been forgotten. */
export function outageForgets(reminders: ReminderState, now: number): boolean {
	const last = reminders.gaps[reminders.gaps.length - 1];
	return last !== undefined && reminders.polledAt === now && last > CLOCK_STEP_TOLERANCE_MS;
}
