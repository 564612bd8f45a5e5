/*
 * The load: one webhook-started workflow that finds 3 free slots in its own week, books them,
 * then lists every client once (Execute Once) and answers the webhook with that list. Run N times
 * at once through the main, each run booking in a different week so runs never compete for a slot.
 * Each kind of run (a lone worker, the share declared, nothing declared) has its own copy of the
 * workflow (own id, webhook and credential) and its own weeks.
 */
import { DateTime } from 'luxon';

import type { CoreplusEmulator } from '../../emulator/server';

export const BOOKINGS_PER_RUN = 3;
// Past slots are served too: fixed weeks keep runs repeatable. Monday 2 March 2026 onwards.
const FIRST_WEEK = DateTime.fromISO('2026-03-02');
const SYDNEY = '00001001-0001-4001-8007-9e3779b10001';
const AISHA = '00002001-0002-4001-8007-9e3779b10002';
const APPOINTMENT_TYPE = '00003002-0003-4002-800e-3c6ef3620003';
const BOOKED_CLIENT = '00004001-0004-4001-8007-9e3779b10004';

const body = (field: string) => `$('Webhook').first().json.body.${field}`;

/** One kind of run: its workflow copy, webhook, credential and first week. */
export interface LoadKind {
	/** 0, 1, 2, …: picks the workflow id, the webhook and the weeks. */
	index: number;
	credential: { id: string; name: string };
}

export const workflowIdOf = (kind: LoadKind) => `queueLoad000000${kind.index}`;
export const webhookPathOf = (kind: LoadKind) => `coreplus-queue-load-${kind.index}`;
const subjectPrefixOf = (kind: LoadKind) => `queue load ${kind.index} run `;

export function loadWorkflow(kind: LoadKind) {
	const { credential } = kind;
	const coreplus = (
		name: string,
		x: number,
		parameters: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	) => ({
		id: `0000000${x}-1600-4000-8000-00000000000${x}`,
		name,
		type: 'n8n-nodes-coreplus.coreplus',
		typeVersion: 1,
		position: [x * 240, 0],
		parameters,
		credentials: { coreplusApi: credential },
		...extra,
	});
	return {
		id: workflowIdOf(kind),
		name: `coreplus queue-mode load ${kind.index}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '00000000-1600-4000-8000-000000000000',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: `5c0e1d4e-1600-4000-8000-00000000a0a${kind.index}`,
				parameters: {
					httpMethod: 'POST',
					path: webhookPathOf(kind),
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			coreplus('Find free slots', 1, {
				resource: 'availabilitySlot',
				operation: 'getMany',
				simplify: false,
				startDate: `={{ ${body('startDate')} }}`,
				endDate: `={{ ${body('endDate')} }}`,
				timeZoneSource: 'location',
				timeZoneLocationId: SYDNEY,
				appointmentTypeId: APPOINTMENT_TYPE,
				filters: { practitionerIds: [AISHA], locationIds: [SYDNEY] },
				returnAll: false,
				limit: BOOKINGS_PER_RUN,
			}),
			coreplus('Book the slot', 2, {
				resource: 'appointment',
				operation: 'book',
				simplify: false,
				practitionerId: '={{ $json.practitionerId }}',
				locationId: '={{ $json.locationId }}',
				clientId: { __rl: true, mode: 'id', value: BOOKED_CLIENT },
				start: '={{ $json.start }}',
				end: '={{ $json.end }}',
				appointmentTypeId: '={{ $json.appointmentTypeId }}',
				additionalFields: { subject: `=${subjectPrefixOf(kind)}{{ ${body('run')} }}` },
			}),
			coreplus(
				'List all clients',
				3,
				{ resource: 'client', operation: 'getMany', returnAll: true, simplify: false },
				{ executeOnce: true },
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'Find free slots', type: 'main', index: 0 }]] },
			'Find free slots': { main: [[{ node: 'Book the slot', type: 'main', index: 0 }]] },
			'Book the slot': { main: [[{ node: 'List all clients', type: 'main', index: 0 }]] },
		},
	};
}

export interface RunAnswer {
	run: number;
	status: number;
	clientIds?: string[];
	error?: string;
}

/** Starts `runs` executions at once through the main's webhook; each answers with its client list. */
export async function fireRuns(base: string, runs: number, kind: LoadKind): Promise<RunAnswer[]> {
	return await Promise.all(
		Array.from({ length: runs }, async (_, run): Promise<RunAnswer> => {
			const week = FIRST_WEEK.plus({ weeks: kind.index * runs + run });
			const payload = {
				run,
				startDate: week.toISODate(),
				endDate: week.plus({ days: 6 }).toISODate(),
			};
			try {
				const response = await fetch(`${base}/webhook/${webhookPathOf(kind)}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(payload),
				});
				const text = await response.text();
				if (!response.ok) return { run, status: response.status, error: text.slice(0, 500) };
				const rows = JSON.parse(text) as Array<{ clientId?: string }>;
				return { run, status: response.status, clientIds: rows.map((row) => String(row.clientId)) };
			} catch (error) {
				return { run, status: 0, error: (error as Error).message };
			}
		}),
	);
}

/** Every problem found in the answers and in what the emulator holds; empty when all is exact. */
export function checkRuns(
	emulator: CoreplusEmulator,
	answers: RunAnswer[],
	kind: LoadKind,
): string[] {
	const prefix = subjectPrefixOf(kind);
	const problems: string[] = [];
	const expected = emulator.data.clients.map((c) => String(c.clientId));
	const failedRuns = new Map<string, number[]>();
	for (const answer of answers) {
		if (answer.error !== undefined) {
			const reason = `HTTP ${answer.status} ${answer.error}`;
			failedRuns.set(reason, [...(failedRuns.get(reason) ?? []), answer.run]);
			continue;
		}
		const ids = answer.clientIds ?? [];
		const distinct = new Set(ids).size;
		if (
			ids.length !== expected.length ||
			distinct !== ids.length ||
			ids.some((id, i) => id !== expected[i])
		) {
			problems.push(
				`run ${answer.run}: listing not exact (${ids.length} rows, ${distinct} distinct, ${expected.length} expected in API order)`,
			);
		}
	}
	for (const [reason, runs] of failedRuns)
		problems.push(`run(s) ${runs.join(', ')} answered ${reason}`);
	// Every booking exactly once: 3 appointments per run in the emulator, all on different slots.
	const booked = emulator.data.appointments.filter((a) =>
		String(a.subject ?? '').startsWith(prefix),
	);
	for (const answer of answers) {
		const mine = booked.filter((a) => a.subject === `${prefix}${answer.run}`);
		if (mine.length !== BOOKINGS_PER_RUN)
			problems.push(
				`run ${answer.run}: ${mine.length} appointment(s) in the emulator, ${BOOKINGS_PER_RUN} expected`,
			);
	}
	const slots = new Set(
		booked.map(
			(a) =>
				`${String((a.practitioner as { practitionerId?: string } | undefined)?.practitionerId)} ${String(a.startDateTime)}`,
		),
	);
	if (slots.size !== booked.length)
		problems.push(`${booked.length} appointments on only ${slots.size} distinct slots`);
	return problems;
}
