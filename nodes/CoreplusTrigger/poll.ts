import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { APPOINTMENT_EVENTS, diffAppointments, diffClients, startMillis, vanishedIds, type EmittedEvent, type TimeWindow } from './events';
import { listAppointments, listClients, listLocations, lookUpAppointment, newestClient, queryTimezoneId } from './fetch';
import { readSettings, type TriggerSettings } from './settings';
import { fingerprintOf, readState, writeState, type AppointmentFingerprint, type TriggerState } from './state';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Watched {
	window: TimeWindow;
	/** Rows inside the window matching the filters, one per id, in the API's order. */
	listed: IDataObject[];
	matchesFilters(record: IDataObject): boolean;
}

async function watchedAppointments(context: IPollFunctions, settings: TriggerSettings, now: number): Promise<Watched> {
	const window = { from: now, to: now + settings.lookAheadDays * DAY_MS };
	const timezoneId = queryTimezoneId(context, await listLocations(context), settings.locationIds);
	const rows = await listAppointments(context, timezoneId, window);
	const matchesFilters = (record: IDataObject) => {
		const fingerprint = fingerprintOf(record);
		if (!fingerprint) return false;
		if (settings.locationIds.length && !settings.locationIds.includes(fingerprint.locationId ?? '')) return false;
		return !settings.practitionerIds.length || settings.practitionerIds.includes(fingerprint.practitionerId ?? '');
	};
	const seen = new Set<string>();
	const listed = rows.filter((record) => {
		const id = typeof record.appointmentId === 'string' ? record.appointmentId : '';
		// A row can appear twice when the diary changes while its pages are being read.
		if (!id || seen.has(id) || !matchesFilters(record)) return false;
		const at = startMillis(fingerprintOf(record)!);
		if (at < window.from || at > window.to) return false;
		seen.add(id);
		return true;
	});
	return { window, listed, matchesFilters };
}

/** A manual "Fetch Test Event": the most recent real record, shaped like a real event; state untouched. */
async function sampleEvent(context: IPollFunctions, settings: TriggerSettings, now: number): Promise<EmittedEvent> {
	let listed: IDataObject[] | undefined;
	for (const event of settings.events) {
		if (event === 'newClient') {
			const client = await newestClient(context);
			if (client) return { event, record: client };
			continue;
		}
		listed ??= (await watchedAppointments(context, settings, now)).listed;
		// The highest reference number is taken for the latest booking (coreplus has no booking date).
		const reference = (record: IDataObject) => Number(record.appointmentReferenceNumber) || 0;
		const record = listed.reduce<IDataObject | undefined>((best, row) => (!best || reference(row) >= reference(best) ? row : best), undefined);
		if (!record) continue;
		const fingerprint = fingerprintOf(record)!;
		return { event, start: fingerprint.start, end: fingerprint.end, ...(event === 'appointmentUpdated' ? { changes: {} } : {}), record };
	}
	throw new NodeOperationError(context.getNode(), 'coreplus has nothing yet to show as a test event', {
		description: `No appointment starts in the next ${settings.lookAheadDays} days for the chosen locations and practitioners, and no client matches the chosen events. Book one in coreplus, or widen "Look-Ahead Days".`,
	});
}

/**
 * One poll: read everything first (any failure throws before the state is touched, so the next
 * successful poll compares with the same state and catches up), then diff, then store the new
 * state in one assignment. The first poll for a set of filters records a baseline and emits nothing.
 */
export async function pollCoreplus(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(context);
	// The window is measured from the poll's own clock; appointment times carry their offsets.
	const now = Date.now();
	if (context.getMode() === 'manual') return [context.helpers.returnJsonArray([await sampleEvent(context, settings, now)])];

	const staticData = context.getWorkflowStaticData('node');
	const previous = readState(staticData);
	const next: TriggerState = {};
	const emitted: EmittedEvent[] = [];

	if (settings.events.some((event) => APPOINTMENT_EVENTS.includes(event))) {
		const scope = JSON.stringify([settings.locationIds, settings.practitionerIds]);
		const { window, listed, matchesFilters } = await watchedAppointments(context, settings, now);
		const before = previous.appointments?.scope === scope ? previous.appointments : undefined;
		let entries: Record<string, AppointmentFingerprint> = {};
		if (before) {
			const lookedUp = new Map<string, IDataObject | null>();
			const listedIds = new Set(listed.map((record) => String(record.appointmentId)));
			for (const id of vanishedIds(before, listedIds, window)) lookedUp.set(id, await lookUpAppointment(context, id));
			const diff = diffAppointments({ previous: before, listed, lookedUp, window, matchesFilters });
			entries = diff.entries;
			emitted.push(...diff.events.filter((item) => settings.events.includes(item.event)));
		} else {
			for (const record of listed) entries[String(record.appointmentId)] = fingerprintOf(record)!;
		}
		next.appointments = { scope, windowEnd: window.to, entries };
	}

	if (settings.events.includes('newClient')) {
		const clients = await listClients(context);
		if (previous.clientIds) emitted.push(...diffClients(previous.clientIds, clients));
		next.clientIds = new Set(clients.map((client) => client.clientId).filter((id): id is string => typeof id === 'string'));
	}

	writeState(staticData, next);
	return emitted.length ? [context.helpers.returnJsonArray(emitted)] : null;
}
