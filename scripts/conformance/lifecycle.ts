import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { isCancelledAppointment } from '../../nodes/Coreplus/helpers/rules/appointmentStatus';
import type { CheckRow } from './checks';
import { row, step, StepError } from './nodeStep';

/**
 * `--book`, after the booking: reschedule, cancel and read back, through the node's own
 * operations. Neither write is documented in the pages we have; each row names the public
 * clients whose requests it checks (docs/coreplus-api.md#appointment-cancel).
 */
const RESCHEDULE =
	'POST Appointment/{id}/ reschedule (--book; evidence: Acuity sync 2025, voice agent 2026)';
const CANCEL_FORMS = [
	{
		value: 'appointmentIdInBody',
		endpoint:
			'POST Appointment/ { deleted: "true", appointmentId } cancel (--book; evidence: WordPress plugin 2016, Acuity sync 2025)',
	},
	{
		value: 'idInPath',
		endpoint:
			'POST Appointment/{id}/ { deleted: true } cancel (--book; evidence: voice agent 2026)',
	},
];
const CANCEL_READ_BACK =
	'GET Appointment/{id}/ after the cancel (--book; evidence: deleted flag or cancelled status)';

const failure = (error: unknown) => `fails: ${(error as Error).message}`;

async function rescheduleTo(
	credentials: ICredentialDataDecryptedObject,
	appointmentId: string,
	slot: IDataObject | undefined,
): Promise<CheckRow> {
	if (!slot)
		return {
			...row(RESCHEDULE, { node: 'no second free time in the next 7 days to move to' }),
			verdict: 'skipped',
		};
	try {
		const moved = await step(credentials, {
			resource: 'appointment',
			operation: 'reschedule',
			appointmentId,
			start: slot.start as string,
			end: slot.end as string,
			practitionerId: slot.practitionerId as string,
		});
		const [record] = moved.items;
		return row(RESCHEDULE, {
			...rescheduleOutcome(record ?? {}, slot),
			hints: moved.hints,
		});
	} catch (error) {
		return row(RESCHEDULE, { node: failure(error), fails: true });
	}
}

/**
 * What the node's output says happened, one known variant per outcome, each named (a variant the
 * node handles is never a failure).
 */
function rescheduleOutcome(
	record: IDataObject,
	slot: IDataObject,
): { node: string; fails?: boolean } {
	const where = `${String(record.start)} with ${String(slot.practitionerId)}`;
	if (record.alreadyAtThatTime)
		return { node: 'nothing was sent: the appointment already was at that time', fails: true };
	if (record.readBackFailed)
		return {
			node: `accepted (2xx); reading it back failed, so the move is taken from the answer (handled): ${String(record.readBackFailed)}`,
		};
	if (record.recoveredAfterLostResponse)
		return { node: `the answer was lost; reading back shows it moved to ${where} (handled)` };
	if (record.resentAfterLostResponse)
		return {
			node: `the first answer was lost and it had not moved; sent again, moved to ${where} (handled)`,
		};
	return { node: `moved to ${where}, confirmed by reading it back` };
}

function cancelOutcome(record: IDataObject): string {
	const takes = 'this server takes this form: ';
	if (record.removedByCoreplus)
		return `${takes}the appointment was removed by coreplus (404 when read back), which the node takes as cancelled (handled)`;
	if (record.readBackFailed)
		return `${takes}accepted (2xx); reading it back failed, so the cancel is taken from the answer (handled): ${String(record.readBackFailed)}`;
	if (record.recoveredAfterLostResponse)
		return `${takes}the answer was lost; reading back shows it cancelled (handled)`;
	return `${takes}cancelled, confirmed by reading it back`;
}

/** Tries the default cancel form, then the other; the rows say which one this server took. */
async function cancelInEitherForm(
	credentials: ICredentialDataDecryptedObject,
	appointmentId: string,
): Promise<CheckRow[]> {
	const rows: CheckRow[] = [];
	for (const form of CANCEL_FORMS) {
		try {
			const cancelled = await step(credentials, {
				resource: 'appointment',
				operation: 'cancel',
				appointmentId,
				options: { cancelForm: form.value },
			});
			// A refused default is adapted to, not a failure: the node offers the other form as an option.
			const refused = rows.map((refusal) => ({
				...refusal,
				verdict: 'differs, adapted' as const,
				node: `${refusal.node}; set Cancel → Options → Cancel Request Form to the form below`,
			}));
			const taken = row(form.endpoint, {
				node: cancelOutcome(cancelled.items[0] ?? {}),
				hints: cancelled.hints,
			});
			return [...refused, taken];
		} catch (error) {
			rows.push(row(form.endpoint, { node: failure(error), fails: true }));
		}
	}
	return rows;
}

/** The appointment read back after the cancel must say so (or be gone). */
async function readBackCancelled(
	credentials: ICredentialDataDecryptedObject,
	appointmentId: string,
): Promise<CheckRow> {
	try {
		const read = await step(credentials, {
			resource: 'appointment',
			operation: 'get',
			appointmentId,
			simplify: false,
		});
		const record = read.items[0] ?? {};
		const cancelled = isCancelledAppointment(record);
		return row(CANCEL_READ_BACK, {
			node: cancelled
				? `reads back cancelled (status ${JSON.stringify(record.status)}, deleted ${JSON.stringify(record.deleted)})`
				: `reads back NOT cancelled: status ${JSON.stringify(record.status)}`,
			hints: read.hints,
			fails: !cancelled,
		});
	} catch (error) {
		// A server that removes cancelled appointments: the node's Cancel takes this 404 as cancelled.
		if (error instanceof StepError && error.httpCode === '404')
			return row(CANCEL_READ_BACK, {
				node: 'removed by coreplus (handled): the cancelled appointment reads 404, which the node takes as cancelled',
			});
		return row(CANCEL_READ_BACK, { node: failure(error), fails: true });
	}
}

export async function rescheduleCancelAndReadBack(
	credentials: ICredentialDataDecryptedObject,
	appointment: IDataObject,
	nextSlot: IDataObject | undefined,
): Promise<CheckRow[]> {
	const appointmentId = String(appointment.appointmentId);
	const rows = [await rescheduleTo(credentials, appointmentId, nextSlot)];
	const cancelRows = await cancelInEitherForm(credentials, appointmentId);
	rows.push(...cancelRows);
	if (cancelRows[cancelRows.length - 1].verdict !== 'FAILS')
		rows.push(await readBackCancelled(credentials, appointmentId));
	return rows;
}
