import { DateTime } from 'luxon';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ToldChange } from './events';
import { lookUpAppointment } from './reads';
import {
	dueReminders,
	outageForgets,
	rememberTold,
	remindersAt,
	stillDue,
	type DueReminder,
	type ReminderRules,
} from './startingSoon';
import type { AppointmentFingerprint, IdMap, ReminderState } from './types';

/** What one poll knows for Appointment Starting Soon (see `startingSoon.ts` for the rules). */
export interface ReminderInput {
	rules: ReminderRules;
	previous?: ReminderState;
	/** The entries after this poll's diff, and those of the previous poll (none after a new baseline). */
	entries: IdMap<AppointmentFingerprint>;
	known?: IdMap<AppointmentFingerprint>;
	/** Records this poll read: listed, or looked up (null: coreplus no longer has it). */
	fresh: Map<string, IDataObject | null>;
	zone: string | undefined;
	now: number;
}

function itemOf(reminder: DueReminder, record: IDataObject, zone: string | undefined): ToldChange {
	const { id, fingerprint, dueAt, timing, minutesLate } = reminder;
	return {
		id,
		change: { before: fingerprint, after: fingerprint },
		item: {
			event: 'appointmentStartingSoon',
			start: fingerprint.start,
			end: fingerprint.end,
			dueAt: DateTime.fromMillis(dueAt, { zone: zone ?? 'UTC' }).toISO({
				suppressMilliseconds: true,
			}),
			timing,
			minutesLate,
			record,
		},
	};
}

/**
 * The reminders this poll tells, each confirmed by a record read this poll: listed, or else looked
 * up by id (one request per reminder whose day this poll did not read, so a quiet poll costs
 * nothing more). A reminder that does not hold any more (cancelled, moved, gone) is not told and
 * not remembered: a move re-arms it at the new time. The first poll only starts the memory.
 */
export async function remindersOf(context: IPollFunctions, input: ReminderInput) {
	const { state, fresh } = remindersAt(input.previous, input.rules, input.now);
	if (fresh || !input.known) return { told: [] as ToldChange[], state };
	if (outageForgets(state, input.now))
		context.logger.warn(
			'coreplus Trigger: no poll for more than a day; Appointment Starting Soon reminders of appointments that started meanwhile more than a day ago are not told',
		);
	const confirmed: Array<{ reminder: DueReminder; record: IDataObject }> = [];
	for (const reminder of dueReminders({ ...input, known: input.known, reminders: state })) {
		const record = input.fresh.has(reminder.id)
			? input.fresh.get(reminder.id)!
			: await lookUpAppointment(context, reminder.id);
		if (stillDue(reminder, record, input.zone)) confirmed.push({ reminder, record: record! });
	}
	const told = confirmed.map(({ reminder, record }) => itemOf(reminder, record, input.zone));
	const next = rememberTold(
		state,
		input.entries,
		confirmed.map(({ reminder }) => reminder),
	);
	return { told, state: next };
}
