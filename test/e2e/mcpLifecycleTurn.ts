/*
 * The turn after the booking (mcpAssistantTurn.ts), played by hand through the MCP client: "Can I
 * make that a bit later? … Actually, please cancel it." Checks that the tools act only for the
 * patient find_client confirmed, and what the emulator received: one move to the next free slot at
 * the clinic's wall-clock time and offset, keeping the length, then one cancel, not repeated.
 */
import assert from 'node:assert/strict';

import { DateTime } from 'luxon';

import type { CoreplusEmulator } from '../../emulator/server';
import { assertAllSigned } from './checks';
import { call, rows, type BookedTurn, type TurnContext } from './mcpAssistantTurn';

type Row = Record<string, unknown>;

const changesTo = (emulator: CoreplusEmulator, appointmentId: string) =>
	emulator.requests.filter(
		(request) =>
			request.method === 'POST' &&
			(request.path.toLowerCase() === `appointment/${appointmentId}/` ||
				(request.json as Row | undefined)?.appointmentId === appointmentId),
	);

async function playReschedule(
	{ client, emulator, log }: TurnContext,
	booked: BookedTurn,
): Promise<void> {
	assert.ok(booked.nextSlot, 'a second free morning slot to move the booking to');
	const stranger = await call(client, 'reschedule_appointment', {
		appointmentId: booked.appointmentId,
		clientId: booked.otherClientId,
		start: booked.nextSlot.startDateTime,
	});
	assert.ok(stranger.isError, `another client's appointment is refused; got ${stranger.text}`);
	assert.match(stranger.text, /is not an appointment of client/);
	assert.equal(changesTo(emulator, booked.appointmentId).length, 0, 'nothing was sent');

	const [moved] = await rows(client, 'reschedule_appointment', {
		appointmentId: booked.appointmentId,
		clientId: booked.clientId,
		start: booked.nextSlot.startDateTime,
	});
	const sent = changesTo(emulator, booked.appointmentId);
	assert.equal(sent.length, 1, 'coreplus received exactly one reschedule');
	const start = DateTime.fromISO(String(booked.nextSlot.start), { setZone: true });
	const end = start.plus({ minutes: booked.durationMinutes });
	assert.deepEqual(sent[0].json, {
		startDateTime: `${start.toFormat('yyyy-MM-dd HH:mm')} ${booked.offset}`,
		endDateTime: `${end.toFormat('yyyy-MM-dd HH:mm')} ${booked.offset}`,
	});
	assert.equal(
		DateTime.fromISO(String(moved.start)).toMillis(),
		start.toMillis(),
		'the tool answers the appointment at its new time (read back)',
	);
	log(
		`moved ${booked.appointmentId} to ${String(sent[0].json && (sent[0].json as Row).startDateTime)}`,
	);
}

async function playCancel({ client, emulator, log }: TurnContext, booked: BookedTurn) {
	const before = changesTo(emulator, booked.appointmentId).length;
	const [cancelled] = await rows(client, 'cancel_appointment', {
		appointmentId: booked.appointmentId,
		clientId: booked.clientId,
	});
	assert.equal(
		cancelled.status,
		'Cancelled',
		'the tool answers the appointment read back cancelled',
	);
	const [again] = await rows(client, 'cancel_appointment', {
		appointmentId: booked.appointmentId,
		clientId: booked.clientId,
	});
	assert.equal(again.alreadyCancelled, true, 'a second cancel says alreadyCancelled');
	const sent = changesTo(emulator, booked.appointmentId).slice(before);
	assert.equal(sent.length, 1, 'coreplus received exactly one cancel');
	assert.equal(sent[0].path, 'Appointment/');
	assert.deepEqual(sent[0].json, { deleted: 'true', appointmentId: booked.appointmentId });
	const stored = emulator.data.appointments.find(
		(row) => row.appointmentId === booked.appointmentId,
	);
	assert.equal(stored?.status, 'Cancelled');
	log(`cancelled ${booked.appointmentId} once; a second call answered alreadyCancelled`);
}

export async function playLifecycleTurn(context: TurnContext, booked: BookedTurn): Promise<void> {
	await playReschedule(context, booked);
	await playCancel(context, booked);
	assertAllSigned(context.emulator.requests);
}
