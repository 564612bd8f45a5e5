import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { eventIdOf, fingerprintOf, isCancelled, startMillis } from './fingerprint';
import { statusKey, type TriggerSettings } from './settings';
import type { AppointmentFingerprint, EmittedEvent, TriggerEvent } from './types';

/**
 * "Fetch Test Event" for the appointment events: a real appointment of the window, shaped like
 * the event. The highest reference number is taken for the latest booking (coreplus has no
 * booking date); Starting Soon shows the next appointment to start, Status Changed the latest
 * one in a chosen status (its previous status is unknown to a sample: null).
 */

interface Candidate {
	record: IDataObject;
	fingerprint: AppointmentFingerprint;
}

const reference = ({ record }: Candidate) => Number(record.appointmentReferenceNumber) || 0;

function best(candidates: Candidate[], score: (candidate: Candidate) => number) {
	return candidates.reduce<Candidate | undefined>(
		(kept, candidate) => (!kept || score(candidate) >= score(kept) ? candidate : kept),
		undefined,
	);
}

function pick(
	event: TriggerEvent,
	candidates: Candidate[],
	settings: TriggerSettings,
	now: number,
) {
	if (event === 'appointmentStartingSoon') {
		const upcoming = candidates.filter(
			(c) => startMillis(c.fingerprint) > now && !isCancelled(c.fingerprint),
		);
		return best(upcoming, (c) => -startMillis(c.fingerprint));
	}
	if (event === 'appointmentStatusChanged') {
		const chosen = candidates.filter(
			(c) =>
				!settings.statuses.length ||
				settings.statuses.includes(statusKey(c.fingerprint.status ?? '')),
		);
		return best(chosen.length ? chosen : candidates, (c) => startMillis(c.fingerprint));
	}
	return best(candidates, reference);
}

function extraFields(
	event: TriggerEvent,
	fingerprint: AppointmentFingerprint,
	settings: TriggerSettings,
	zone: string | undefined,
): IDataObject {
	if (event === 'appointmentUpdated') return { changes: {} };
	if (event === 'appointmentStatusChanged')
		return { previousStatus: null, status: fingerprint.status };
	if (event !== 'appointmentStartingSoon' || !settings.reminders) return {};
	const dueAt = startMillis(fingerprint) - settings.reminders.leadMs;
	return {
		dueAt: DateTime.fromMillis(dueAt, { zone: zone ?? 'UTC' }).toISO({
			suppressMilliseconds: true,
		}),
		timing: 'onTime',
		minutesLate: 0,
	};
}

export function sampleAppointmentEvent(
	event: TriggerEvent,
	listed: IDataObject[],
	settings: TriggerSettings,
	zone: string | undefined,
	now: number,
): EmittedEvent | undefined {
	const candidates = listed.map((record) => ({
		record,
		fingerprint: fingerprintOf(record, zone)!,
	}));
	const chosen = pick(event, candidates, settings, now);
	if (!chosen) return undefined;
	const { record, fingerprint } = chosen;
	return {
		event,
		eventId: eventIdOf(String(record.appointmentId), event, fingerprint),
		start: fingerprint.start,
		end: fingerprint.end,
		...extraFields(event, fingerprint, settings, zone),
		record,
	};
}
