/*
 * The turns after the booking (mcpAssistantTurn.ts), played by hand through the MCP client, each in
 * a fresh conversation without ids: "Can I move my appointment next week? … Actually, please cancel
 * my Tuesday appointment." The caller proves who they are by name and date of birth; the tools find
 * their appointments (find_appointments) and act only on those. Another caller who gives the same
 * appointment id with their own details is refused and learns nothing. Checks what the emulator
 * received: no change for the stranger, one move to the next free slot at the clinic's wall-clock
 * time and offset, keeping the length, then one cancel, not repeated.
 */
import assert from 'node:assert/strict';

import { DateTime } from 'luxon';

import type { CoreplusEmulator } from '../../emulator/server';
import { assertAllSigned } from './checks';
import { call, rows, type BookedTurn, type Said, type TurnContext } from './mcpAssistantTurn';

type Row = Record<string, unknown>;

const REFUSED = /is not an appointment of the patient given; nothing was (changed|read out)/;

const changesTo = (emulator: CoreplusEmulator, appointmentId: string) =>
	emulator.requests.filter(
		(request) =>
			!request.overRateLimit &&
			request.method === 'POST' &&
			(request.path.toLowerCase() === `appointment/${appointmentId}/` ||
				(request.json as Row | undefined)?.appointmentId === appointmentId),
	);

/** find_appointments for a caller: their upcoming appointments, found without any id. */
async function findMine(context: TurnContext, booked: BookedTurn, said: Said): Promise<Row[]> {
	return await rows(context.client, 'find_appointments', {
		...said,
		locationId: booked.locationId,
	});
}

/** Another patient gives the booked appointment's id with their own details: refused, nothing said, nothing sent. */
async function playStranger({ client, emulator, log }: TurnContext, booked: BookedTurn) {
	const { appointmentId, otherSaid, said } = booked;
	for (const [tool, extra] of [
		['get_appointment', {}],
		['reschedule_appointment', { start: booked.nextSlot.startDateTime }],
		['cancel_appointment', {}],
	] as const) {
		const refused = await call(client, tool, { appointmentId, ...otherSaid, ...extra });
		assert.ok(
			refused.isError,
			`${tool}: another patient's appointment is refused; got ${refused.text}`,
		);
		assert.match(refused.text, REFUSED, `${tool}: the generic refusal`);
		for (const secret of [said.lastName, said.dateOfBirth])
			assert.ok(!refused.text.includes(String(secret)), `${tool}: the refusal names nobody`);
	}
	const theirs = await call(client, 'find_appointments', {
		...otherSaid,
		locationId: booked.locationId,
	});
	assert.ok(!theirs.text.includes(appointmentId), "the stranger's own list does not show it");
	assert.equal(changesTo(emulator, appointmentId).length, 0, 'nothing was sent for the stranger');
	log(`another patient giving ${appointmentId} was refused by get, reschedule and cancel`);
}

/** "Move my appointment next week": found by find_appointments, moved to the next free slot. */
async function playMove(context: TurnContext, booked: BookedTurn): Promise<void> {
	const { client, emulator, log } = context;
	assert.ok(booked.nextSlot, 'a second free morning slot to move the booking to');
	const mine = await findMine(context, booked, booked.said);
	const found = mine.find((row) => row.appointmentId === booked.appointmentId);
	assert.ok(
		found,
		`find_appointments lists the booking; got ${JSON.stringify(mine).slice(0, 300)}`,
	);
	assert.equal(DateTime.fromISO(String(found.start), { setZone: true }).weekday, 2, 'on Tuesday');

	const [moved] = await rows(client, 'reschedule_appointment', {
		appointmentId: found.appointmentId,
		...booked.said,
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
	log(`found by find_appointments and moved to ${String((sent[0].json as Row).startDateTime)}`);
}

/** "Cancel my Tuesday appointment": found again by find_appointments, cancelled once. */
async function playCancel(context: TurnContext, booked: BookedTurn) {
	const { client, emulator, log } = context;
	const before = changesTo(emulator, booked.appointmentId).length;
	const tuesday = (await findMine(context, booked, booked.said)).filter(
		(row) => DateTime.fromISO(String(row.start), { setZone: true }).weekday === 2,
	);
	assert.deepEqual(
		tuesday.map((row) => row.appointmentId),
		[booked.appointmentId],
		'the one Tuesday appointment of the caller',
	);
	const args = { appointmentId: tuesday[0].appointmentId, ...booked.said };
	const [cancelled] = await rows(client, 'cancel_appointment', args);
	assert.equal(
		cancelled.status,
		'Cancelled',
		'the tool answers the appointment read back cancelled',
	);
	const [again] = await rows(client, 'cancel_appointment', args);
	assert.equal(again.alreadyCancelled, true, 'a second cancel says alreadyCancelled');
	const sent = changesTo(emulator, booked.appointmentId).slice(before);
	assert.equal(sent.length, 1, 'coreplus received exactly one cancel');
	assert.equal(sent[0].path, 'Appointment/');
	assert.deepEqual(sent[0].json, { deleted: 'true', appointmentId: booked.appointmentId });
	const stored = emulator.data.appointments.find(
		(row) => row.appointmentId === booked.appointmentId,
	);
	assert.equal(stored?.status, 'Cancelled');
	const after = await call(client, 'find_appointments', {
		...booked.said,
		locationId: booked.locationId,
	});
	assert.ok(!after.text.includes(booked.appointmentId), 'find_appointments leaves it out now');
	log(
		`found by find_appointments and cancelled ${booked.appointmentId} once; a second call answered alreadyCancelled`,
	);
}

export async function playLifecycleTurn(context: TurnContext, booked: BookedTurn): Promise<void> {
	await playStranger(context, booked);
	await playMove(context, booked);
	await playCancel(context, booked);
	assertAllSigned(context.emulator.requests);
}
