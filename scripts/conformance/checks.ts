import { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	LISTS,
	RECORDS,
	readPage,
	readRecord,
	type ListEndpoint,
} from '../../nodes/Coreplus/transport/endpoints';
import { missingIdentityFields } from '../../nodes/Coreplus/helpers/rules/matchClient';
import { timezoneIdOfLocation } from '../../nodes/Coreplus/helpers/rules/timezones';
import { redactSecrets } from '../../nodes/Coreplus/transport/redact';
import { readCredentials } from '../../nodes/Coreplus/transport/credentials';
import { appointmentTypeNameCheck, EVIDENCE, locationZoneCheck } from './evidence';
import { clientSearchRows } from './clientChecks';
import { invoiceRows } from './invoiceChecks';
import { probeContext, type Exchange, type ProbeContext } from './probeContext';

export type Verdict = 'holds' | 'differs, adapted' | 'FAILS' | 'skipped';

export interface CheckRow {
	endpoint: string;
	status: string;
	keys: string;
	verdict: Verdict;
	/** What the node does with this answer. */
	node: string;
	/** The public evidence of the live API this row checks (evidence.ts), when it checks one. */
	evidence?: string;
}

export interface ConformanceReport {
	rows: CheckRow[];
	/** Server `Date` minus the local clock, in seconds (positive: the server is ahead). */
	clockSkewSeconds?: number;
	tokenAccepted: boolean;
	tokenNote: string;
	ok: boolean;
}

// coreplus rejects a token outside its nbf/exp window (60 s); beyond this the clock needs a look.
const SKEW_WARNING_SECONDS = 30;

function topLevelKeys(body: unknown): string {
	if (Array.isArray(body)) return '(a bare list)';
	if (body && typeof body === 'object') return Object.keys(body).join(', ') || '(empty object)';
	return body === undefined ? '(no body)' : `(${typeof body})`;
}

/** Runs one read through the node's own path and turns what happened into a table row. */
export async function check<T>(
	probe: ProbeContext,
	endpoint: string,
	read: () => Promise<T>,
	describe: (value: T) => { node: string; fails?: boolean },
) {
	const exchangesBefore = probe.exchanges.length;
	const noticesBefore = probe.notices.length;
	const row = (verdict: Verdict, node: string): CheckRow => {
		const last: Exchange | undefined = probe.exchanges[probe.exchanges.length - 1];
		const answered = probe.exchanges.length > exchangesBefore && last;
		return {
			endpoint,
			status: answered ? String(last.status) : '-',
			keys: answered ? topLevelKeys(last.body) : '-',
			verdict,
			node,
		};
	};
	try {
		const value = await read();
		const { node, fails } = describe(value);
		const notices = probe.notices.slice(noticesBefore);
		if (fails) return { row: row('FAILS', node), value };
		if (notices.length)
			return { row: row('differs, adapted', `${node}; warns: ${notices.join(' / ')}`), value };
		return { row: row('holds', node), value };
	} catch (error) {
		return { row: row('FAILS', `fails: ${(error as Error).message}`), value: undefined };
	}
}

function listCheck(probe: ProbeContext, list: ListEndpoint, query: IDataObject = {}) {
	return check(
		probe,
		`GET ${list.path}`,
		() =>
			readPage(probe.context, list, 1, 100, {
				query: query as never,
				maxRetries: 1,
				notice: probe.notice,
			}),
		(page) => {
			const paging =
				page.totalRows === undefined
					? 'no paging.totalRows: reads page after page until a short one'
					: `totalRows ${page.totalRows}`;
			const capped =
				page.pageSize !== undefined && page.pageSize < 100
					? `, pages of ${page.pageSize} (followed)`
					: '';
			const missingId =
				list.idField && page.rows.length && page.rows[0][list.idField] === undefined;
			if (missingId)
				return {
					node: `rows carry no "${list.idField}": the node cannot identify them`,
					fails: true,
				};
			return { node: `reads ${page.rows.length} row(s) on page 1, ${paging}${capped}` };
		},
	);
}

/** Every endpoint the node reads, once, read-only. */
export async function runConformance(
	credentialData: ICredentialDataDecryptedObject,
): Promise<ConformanceReport> {
	const probe = probeContext(credentialData);
	const rows: CheckRow[] = [];
	const skipped = (endpoint: string, why: string) =>
		rows.push({ endpoint, status: '-', keys: '-', verdict: 'skipped', node: why });

	const locations = await listCheck(probe, LISTS.location);
	const locationRows = locations.value?.rows ?? [];
	rows.push(locationRows.length ? locationZoneCheck(locations.row, locationRows) : locations.row);
	const zoned = locationRows.find((location) => timezoneIdOfLocation(location));
	rows.push((await listCheck(probe, LISTS.practitioner)).row);
	const types = await listCheck(probe, LISTS.appointmentType);
	rows.push(appointmentTypeNameCheck(types.row, types.value?.rows ?? []));
	const clients = await listCheck(probe, LISTS.client);
	const unmatchable = missingIdentityFields(clients.value?.rows ?? []);
	rows.push(
		unmatchable.length
			? {
					...clients.row,
					verdict: 'FAILS',
					node: `rows carry no ${unmatchable.map((field) => `"${field}"`).join(', ')}: Client → Find and Find or Create refuse to match`,
				}
			: clients.row,
	);
	rows.push(...(await clientSearchRows(probe, clients.value?.rows ?? [])));

	const today = DateTime.utc().startOf('day');
	let appointmentId: string | undefined;
	if (zoned) {
		const timezoneId = timezoneIdOfLocation(zoned)!;
		const week = {
			startDate: today.toISODate(),
			endDate: today.plus({ days: 6 }).toISODate(),
			timezoneId,
		};
		const appointments = await listCheck(probe, LISTS.appointment, week);
		rows.push({ ...appointments.row, endpoint: 'GET Appointment/ (this week)' });
		appointmentId = appointments.value?.rows.find((row) => row.appointmentId)?.appointmentId as
			string | undefined;
		const slotQuery = {
			startDate: today.plus({ days: 1 }).toISODate(),
			endDate: today.plus({ days: 7 }).toISODate(),
			timezoneId,
			locationId: String(zoned.locationId),
		};
		rows.push({
			...(await listCheck(probe, LISTS.availabilitySlot, slotQuery)).row,
			endpoint: 'GET AvailabilitySlot/ (next 7 days)',
			evidence: EVIDENCE.slotsKey,
		});
	} else {
		skipped('GET Appointment/', 'needs a location with a timezoneId');
		skipped('GET AvailabilitySlot/', 'needs a location with a timezoneId');
	}
	if (appointmentId) {
		const record = await check(
			probe,
			'GET Appointment/{id}/',
			() =>
				readRecord(probe.context, RECORDS.appointment, {
					id: appointmentId,
					maxRetries: 1,
					notice: probe.notice,
				}),
			(appointment) => ({
				node: appointment.appointmentId
					? `reads appointment ${String(appointment.appointmentId)}`
					: 'the record carries no "appointmentId"',
				fails: !appointment.appointmentId,
			}),
		);
		rows.push(record.row);
	} else {
		skipped('GET Appointment/{id}/', 'no appointment this week to read');
	}
	rows.push(...(await invoiceRows(probe)));

	const [first] = probe.exchanges;
	const serverDate = first?.headers.date ? Date.parse(first.headers.date) : NaN;
	// `Date` has whole seconds: its second's middle is the best estimate of the server's clock.
	const clockSkewSeconds = Number.isFinite(serverDate)
		? Math.round((serverDate + 500 - first.localMidpoint) / 1000)
		: undefined;
	const tokenAccepted = Boolean(first) && first.status !== 401 && first.status !== 403;
	const reason = (first?.body as { result?: Array<{ reason?: string }> } | undefined)?.result?.[0]
		?.reason;
	const tokenNote = !first
		? 'no answer from the server'
		: tokenAccepted
			? `accepted (HTTP ${first.status})`
			: `refused (HTTP ${first.status}${reason ? `: ${reason}` : ''})`;
	const credentials = readCredentials(credentialData);
	const safeRows = rows.map((row) => ({
		...row,
		node: redactSecrets(row.node, credentials),
		keys: redactSecrets(row.keys, credentials),
	}));
	return {
		rows: safeRows,
		clockSkewSeconds,
		tokenAccepted,
		tokenNote: redactSecrets(tokenNote, credentials),
		ok: tokenAccepted && safeRows.every((row) => row.verdict !== 'FAILS'),
	};
}

export function skewNote(skew: number | undefined): string {
	if (skew === undefined) return 'unknown (the server sent no Date header)';
	const direction = skew === 0 ? 'in step' : skew > 0 ? 'server ahead' : 'server behind';
	const warning =
		Math.abs(skew) > SKEW_WARNING_SECONDS
			? " - WARNING: tokens live 60 s; fix this host's clock (NTP)"
			: '';
	return `${skew > 0 ? '+' : ''}${skew} s (${direction})${warning}`;
}
