import { DateTime } from 'luxon';

import { CoreplusEmulator, REQUESTS_PER_SECOND } from '../../emulator/server';
import { runWorkflow } from '../../harness/engine';
import { coreplusNode } from '../../harness/helpers';

interface Row {
	measure: string;
	result: string;
	ratio: string;
	target: string;
}

const BOOKINGS = 100;

/**
 * 100 bookings with End empty (the appointment type's duration sets it), through n8n's
 * engine against the emulator with the 10 req/s limit and the round-trip latency. Requests are
 * counted on what the emulator received; the wall time is held against the ceiling of 100
 * requests at 10 per second.
 */
export async function bookingBench(rows: Row[], latencyMs: number): Promise<void> {
	const emulator = await new CoreplusEmulator({ latencyMs }).start();
	try {
		const { locations, practitioners, clients, appointmentTypes } = emulator.data;
		const type = appointmentTypes.find((t) => t.durationMinutes === 30)!;
		const first = DateTime.fromISO('2026-06-01T08:00');
		const input = Array.from({ length: BOOKINGS }, (_, index) => ({
			json: { start: first.plus({ minutes: 30 * index }).toFormat("yyyy-MM-dd'T'HH:mm") },
		}));
		const parameters = {
			resource: 'appointment',
			operation: 'book',
			simplify: false,
			practitionerId: practitioners[0].practitionerId,
			locationId: locations[0].locationId,
			clientId: { __rl: true, mode: 'id', value: clients[0].clientId },
			start: '={{ $json.start }}',
			appointmentTypeId: type.appointmentTypeId,
		} as never;
		const started = performance.now();
		const run = await runWorkflow({
			nodes: [coreplusNode(parameters)],
			credentials: { coreplusApi: emulator.credentials() as never },
			input,
		});
		const ms = performance.now() - started;
		if (run.error) throw new Error(`booking bench failed: ${run.error.message}`);
		if (emulator.data.appointments.length !== BOOKINGS)
			throw new Error(`booked ${emulator.data.appointments.length} of ${BOOKINGS}`);
		const requests = emulator.requests.length;
		const ceilingMs = (BOOKINGS / REQUESTS_PER_SECOND) * 1000;
		rows.push(
			{
				measure: `${BOOKINGS} bookings with End empty: requests per booking`,
				result: `${requests} requests (${BOOKINGS} POST, the rest list reads)`,
				ratio: (requests / BOOKINGS).toFixed(2),
				target: '≤ 1.05',
			},
			{
				measure: `${BOOKINGS} bookings: wall time vs ${BOOKINGS} requests at ${REQUESTS_PER_SECOND}/s`,
				result: `${(ms / 1000).toFixed(2)} s (${emulator.rateLimitedCount} × 429)`,
				ratio: `${(ceilingMs / ms).toFixed(2)} of ceiling`,
				target: '≥ 0.90 of ceiling',
			},
		);
	} finally {
		await emulator.stop();
	}
}
