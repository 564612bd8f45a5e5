import { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { idKey } from '../Coreplus/helpers/rules/ids';
import { baselineRows } from './baseline';
import { pollNewClients } from './clients';
import { INVOICE_EVENTS, pollInvoices, sampleInvoiceEvent } from './invoices';
import { handOver, pendingToRedeliver } from './delivery';
import { diffAppointments, numberEvents, vanishedIds, type ToldChange } from './events';
import { eventIdOf, fingerprintOf, startMillis } from './fingerprint';
import { monotonicNow, unlessAlreadyPolling } from './pollLock';
import { needsAppointments, redeliver } from './redeliver';
import {
	listAppointments,
	listLocations,
	lookUpAppointment,
	newestClient,
	queryZone,
} from './reads';
import { afterPagedDay, isCovered, planReads, type ReadPlan } from './plan';
import { readPagedDay } from './pagedDay';
import { readSettings, statusKey, type TriggerSettings } from './settings';
import { remindersOf } from './reminders';
import { sampleAppointmentEvent } from './samples';
import { MAX_LOOK_UP_ATTEMPTS, readState, writeState } from './state';
import {
	APPOINTMENT_EVENTS,
	idMap,
	type AppointmentFingerprint,
	type AppointmentState,
	type EmittedEvent,
	type TimeWindow,
	type TriggerState,
} from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Watched {
	window: TimeWindow;
	plan: ReadPlan;
	/** Rows inside the window matching the filters, one per id, in the API's order. */
	listed: IDataObject[];
	matchesFilters(record: IDataObject): boolean;
	/** The practice's zone: offset-less times are read in it. */
	zone: string | undefined;
}

function filtersOf(settings: TriggerSettings, zone: string | undefined) {
	return (record: IDataObject) => {
		const fingerprint = fingerprintOf(record, zone);
		if (!fingerprint) return false;
		if (settings.locationIds.length && !settings.locationIds.includes(fingerprint.locationId ?? ''))
			return false;
		return (
			!settings.practitionerIds.length ||
			settings.practitionerIds.includes(fingerprint.practitionerId ?? '')
		);
	};
}

/**
 * Where the window starts: now, or the start of the practice's day when status changes are
 * watched (attendance is marked once an appointment has started; the day's list is read anyway).
 */
function watchedFrom(settings: TriggerSettings, now: number, zone: string | undefined): number {
	if (!zone || !settings.events.includes('appointmentStatusChanged')) return now;
	return DateTime.fromMillis(now, { zone }).startOf('day').toMillis();
}

/** The rows this poll read (see `plan.ts`), within the window and the filters, each id once. */
async function watchedAppointments(
	context: IPollFunctions,
	settings: TriggerSettings,
	now: number,
	previous?: AppointmentState,
	wholeWindow = false,
): Promise<Watched> {
	const { timezoneId, zone } = queryZone(
		context,
		await listLocations(context),
		settings.locationIds,
	);
	const window = {
		from: watchedFrom(settings, now, zone),
		to: now + settings.lookAheadDays * DAY_MS,
	};
	const plan = planReads(window, zone, wholeWindow ? undefined : previous, settings.lookAheadDays);
	const rows: IDataObject[] = [];
	for (const range of plan.ranges)
		rows.push(...(await listAppointments(context, timezoneId, range)));
	const paged = plan.paged && (await readPagedDay(context, timezoneId, plan.paged));
	rows.push(...(paged?.rows ?? []));
	const matchesFilters = filtersOf(settings, zone);
	const seen = new Set<string>();
	const listed = rows.filter((record) => {
		const id = typeof record.appointmentId === 'string' ? idKey(record.appointmentId) : '';
		// A row can appear twice when the diary changes while its pages are being read.
		if (!id || seen.has(id) || !matchesFilters(record)) return false;
		const at = startMillis(fingerprintOf(record, zone)!);
		if (at < window.from || at > window.to || !isCovered(plan.read, at)) return false;
		seen.add(id);
		return true;
	});
	return {
		window,
		plan: afterPagedDay(plan, paged?.nextPage, listed, zone),
		listed,
		matchesFilters,
		zone,
	};
}

/** A manual "Fetch Test Event": the most recent real record, shaped like a real event; state untouched. */
async function sampleEvent(
	context: IPollFunctions,
	settings: TriggerSettings,
	now: number,
): Promise<EmittedEvent> {
	let watched: Watched | undefined;
	for (const event of settings.events) {
		if (INVOICE_EVENTS.includes(event)) {
			const invoice = await sampleInvoiceEvent(context, event);
			if (invoice) return invoice;
			continue;
		}
		if (event === 'newClient') {
			const client = await newestClient(context);
			if (client)
				return { event, eventId: eventIdOf(String(client.clientId), event), record: client };
			continue;
		}
		watched ??= await watchedAppointments(context, settings, now);
		const sample = sampleAppointmentEvent(event, watched.listed, settings, watched.zone, now);
		if (sample) return sample;
	}
	throw new NodeOperationError(
		context.getNode(),
		'coreplus has nothing yet to show as a test event',
		{
			description: `No appointment starts in the next ${settings.lookAheadDays} days for the chosen locations and practitioners, and no client matches the chosen events. Book one in coreplus, or widen "Look-Ahead Days".`,
		},
	);
}

/**
 * Vanished appointments looked up one by one, whichever events are watched: only the look-up
 * tells a reschedule past the window (remembered at its new time, so its return is no new
 * booking) from a cancellation. A failing look-up (any error but 404) does not fail the poll:
 * that appointment stays unresolved (its entry kept, tried again next poll, up to
 * `MAX_LOOK_UP_ATTEMPTS` polls in a row) and every other event is emitted.
 */
async function lookUpVanished(context: IPollFunctions, ids: string[], before: AppointmentState) {
	const lookedUp = new Map<string, IDataObject | null>();
	const unresolved = idMap<number>();
	const givenUp = new Set<string>();
	for (const id of ids) {
		try {
			lookedUp.set(id, await lookUpAppointment(context, id));
		} catch (error) {
			const attempts = (before.unresolved?.[id] ?? 0) + 1;
			if (attempts < MAX_LOOK_UP_ATTEMPTS) unresolved[id] = attempts;
			else givenUp.add(id);
			context.logger.warn(
				`coreplus Trigger: looking up vanished appointment ${id} failed (${attempts} of ${MAX_LOOK_UP_ATTEMPTS} polls): ${(error as Error).message}` +
					(attempts < MAX_LOOK_UP_ATTEMPTS
						? '; trying again next poll'
						: '; it is forgotten, no event is emitted for it'),
			);
		}
	}
	return { lookedUp, unresolved, givenUp };
}

/** Whether an appointment event is one the user chose (and, for status changes, a chosen status). */
function isWanted(settings: TriggerSettings, { item }: ToldChange): boolean {
	if (!settings.events.includes(item.event)) return false;
	if (item.event !== 'appointmentStatusChanged' || !settings.statuses.length) return true;
	return settings.statuses.includes(statusKey(String(item.status ?? '')));
}

/** A new baseline: the rows read until two readings agree, no event. */
async function baselineEntries(
	context: IPollFunctions,
	settings: TriggerSettings,
	watched: Watched,
	now: number,
) {
	const readAgain = async () => (await watchedAppointments(context, settings, now)).listed;
	const key = (row: IDataObject) => idKey(String(row.appointmentId));
	const entries = idMap<AppointmentFingerprint>();
	for (const record of await baselineRows(watched.listed, readAgain, key))
		entries[key(record)] = fingerprintOf(record, watched.zone)!;
	return entries;
}

async function pollAppointments(
	context: IPollFunctions,
	settings: TriggerSettings,
	previous: TriggerState,
	now: number,
	wholeWindow: boolean,
) {
	const scope = JSON.stringify([settings.locationIds, settings.practitionerIds]);
	const before = previous.appointments?.scope === scope ? previous.appointments : undefined;
	const watched = await watchedAppointments(context, settings, now, before, wholeWindow);
	const { window, plan, matchesFilters, zone } = watched;
	const state: AppointmentState = {
		scope,
		windowEnd: plan.frontier,
		lookAheadDays: settings.lookAheadDays,
		entries: idMap(),
		...plan.cursor,
	};
	const listedById = new Map(watched.listed.map((row) => [idKey(String(row.appointmentId)), row]));
	const fresh = new Map<string, IDataObject | null>(listedById);
	let told: ToldChange[] = [];
	if (!before) state.entries = await baselineEntries(context, settings, watched, now);
	else {
		const listedIds = new Set([...listedById.keys(), ...(plan.seenEarlier ?? [])]);
		const vanished = vanishedIds(before, listedIds, plan.covered);
		const { lookedUp, unresolved, givenUp } = await lookUpVanished(context, vanished, before);
		const grew = settings.lookAheadDays > before.lookAheadDays;
		const diff = diffAppointments({
			previous: before,
			listed: watched.listed,
			lookedUp,
			window,
			upcomingFrom: now,
			matchesFilters,
			zone,
			baselineAfter: grew ? before.windowEnd : undefined,
		});
		for (const id of givenUp) delete diff.entries[id];
		state.entries = diff.entries;
		if (Object.keys(unresolved).length) state.unresolved = unresolved;
		for (const [id, record] of lookedUp) if (!fresh.has(id)) fresh.set(id, record);
		told = diff.events.filter((item) => isWanted(settings, item));
	}
	if (settings.reminders) {
		const reminders = await remindersOf(context, {
			rules: settings.reminders,
			previous: before?.reminders,
			entries: state.entries,
			known: before?.entries,
			fresh,
			zone,
			now,
		});
		told.push(...reminders.told);
		state.reminders = reminders.state;
	}
	return { told, state, listedById };
}

/** What one poll found: its new events (numbered) and the next state, pending aside. */
async function pollEvents(
	context: IPollFunctions,
	settings: TriggerSettings,
	previous: TriggerState,
	key: string,
	now: number,
	redelivering: boolean,
) {
	const next: TriggerState = previous.told ? { told: previous.told } : {};
	const events: EmittedEvent[] = [];
	let listedById = new Map<string, IDataObject>();
	if (settings.events.some((event) => APPOINTMENT_EVENTS.includes(event))) {
		const appointments = await pollAppointments(context, settings, previous, now, redelivering);
		const numbered = numberEvents(appointments.told, previous.told ?? 0);
		events.push(...numbered.events);
		next.appointments = appointments.state;
		listedById = appointments.listedById;
		if (numbered.serial) next.told = numbered.serial;
	}
	if (settings.events.includes('newClient')) {
		const clients = await pollNewClients(context, key, previous.clients, now);
		events.push(...clients.events);
		next.clients = clients.next;
	}
	if (settings.events.some((event) => INVOICE_EVENTS.includes(event))) {
		const invoices = await pollInvoices(context, previous.invoices, now);
		events.push(...invoices.events.filter((item) => settings.events.includes(item.event)));
		next.invoices = invoices.next;
	}
	return { events, next, listedById };
}

/**
 * One poll: read everything first (any failure of a list throws before the state is touched, so
 * the next successful poll compares with the same state and catches up), then diff, then store
 * the new state in one assignment. The first poll for a set of filters records a baseline and
 * emits nothing. Events of the previous emitting poll that n8n may have lost are emitted again
 * first (see `delivery.ts`). A poll whose lock was taken over emits and stores nothing.
 */
export async function pollCoreplus(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(context);
	// The window is measured from the poll's own clock; appointment times carry their offsets.
	const now = Date.now();
	if (context.getMode() === 'manual')
		return [context.helpers.returnJsonArray([await sampleEvent(context, settings, now)])];

	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	const warn = (message: string) => context.logger.warn(message);
	return await unlessAlreadyPolling(
		key,
		null,
		async (lock) => {
			const staticData = context.getWorkflowStaticData('node');
			const previous = readState(staticData);
			const pending = pendingToRedeliver(key, previous.pending);
			const found = await pollEvents(
				context,
				settings,
				previous,
				key,
				now,
				needsAppointments(pending),
			);
			const emitted = [...(await redeliver(context, pending, found.listedById)), ...found.events];
			if (!lock.held()) {
				warn(
					'coreplus Trigger: this poll outlived its lock and another poll took over; it emits and stores nothing',
				);
				return null;
			}
			found.next.pending = handOver(key, emitted);
			writeState(staticData, found.next);
			return emitted.length ? [context.helpers.returnJsonArray(emitted)] : null;
		},
		{ now: monotonicNow, warn },
	);
}
