import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { asNodeError } from '../validation/errors';
import { announce } from '../output/notices';
import { CoreplusRefusalError, isConflict } from '../../transport/refusals';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';

/**
 * A change to an existing appointment (cancel, reschedule), sent so that its outcome is always
 * known: after a 2xx it is confirmed by reading the appointment back; when the answer is lost (the
 * transport never re-sends a write) the read-back decides. Only when the read-back proves coreplus
 * did not apply it is it sent once more; a change that lands twice is harmless (cancel, or move to
 * the same time), and the read-back happens before, never a blind re-send. A refusal is reported
 * only after the read-back shows the change not applied: an applied change is a success.
 */
export interface AppointmentChange {
	/** "cancel" or "reschedule", for messages. */
	what: string;
	appointmentId: string;
	/** Sends the change; resolves with coreplus' raw answer. */
	send(): Promise<unknown>;
	readBack(): Promise<IDataObject>;
	isApplied(appointment: IDataObject): boolean;
	/** The error for a refusal that says the new time is taken (reschedule only). */
	conflict?(error: NodeApiError): Promise<Error>;
	/** What to look at in coreplus when the outcome cannot be learned, e.g. "the diary on 2026-05-20". */
	whereToCheck: string;
}

export interface ChangeOutcome {
	/** The appointment as read back (or, if that read failed after a 2xx, as coreplus answered). */
	appointment: IDataObject;
	recoveredAfterLostResponse?: true;
	resentAfterLostResponse?: true;
	/** The 2xx is taken as done, but reading it back failed (why). */
	readBackFailed?: string;
}

type Attempt = { done: true; outcome: ChangeOutcome } | { done: false };

/** Sends the change at most twice (the second only when a read-back proved the first did not land). */
export async function changeAndConfirm(
	context: IExecuteFunctions,
	itemIndex: number,
	change: AppointmentChange,
): Promise<ChangeOutcome> {
	const first = await attempt(context, itemIndex, change);
	if (first.done) return first.outcome;
	const second = await attempt(context, itemIndex, change);
	if (second.done) return { ...second.outcome, resentAfterLostResponse: true };
	throw new NodeOperationError(
		context.getNode(),
		`The ${change.what} of appointment ${change.appointmentId} was not applied: both answers were lost and reading the appointment back shows it unchanged`,
		{
			itemIndex,
			description: `coreplus did not apply it. Running the node again is safe: it reads the appointment first and does not ${change.what} twice.`,
		},
	);
}

async function attempt(
	context: IExecuteFunctions,
	itemIndex: number,
	change: AppointmentChange,
): Promise<Attempt> {
	let answer: unknown;
	try {
		answer = await change.send();
	} catch (error) {
		if (isRefusal(error))
			return { done: true, outcome: await unlessApplied(context, itemIndex, change, error) };
		if (!writeOutcomeUnknown(error)) throw asNodeError(context.getNode(), error, itemIndex);
		const after = await readBackAfterLoss(context, itemIndex, change);
		if (!change.isApplied(after)) return { done: false };
		return { done: true, outcome: { appointment: after, recoveredAfterLostResponse: true } };
	}
	return { done: true, outcome: await confirm(context, itemIndex, change, answer) };
}

/** coreplus' refusal body (at a 2xx), or a 400/409/422: coreplus says it did not act. */
function isRefusal(error: unknown): error is NodeApiError {
	if (error instanceof CoreplusRefusalError) return true;
	return error instanceof NodeApiError && ['400', '409', '422'].includes(String(error.httpCode));
}

/**
 * A refused change, read back before the refusal is reported: a change coreplus applied anyway
 * is a success (with a notice of what it said); otherwise the refusal (or conflict) stands.
 */
async function unlessApplied(
	context: IExecuteFunctions,
	itemIndex: number,
	change: AppointmentChange,
	refusal: NodeApiError,
): Promise<ChangeOutcome> {
	const refused = async () =>
		change.conflict && isConflict(refusal)
			? await change.conflict(refusal)
			: asNodeError(context.getNode(), refusal, itemIndex);
	let after: IDataObject;
	try {
		after = await change.readBack();
	} catch {
		throw await refused();
	}
	if (!change.isApplied(after)) throw await refused();
	announce(
		context,
		`coreplus answered the ${change.what} of appointment ${change.appointmentId} with a refusal (${refusal.message}), but reading it back shows it applied`,
	);
	return { appointment: after };
}

/** After a 2xx: the read-back must show the change; if the read fails, the 2xx still stands. */
async function confirm(
	context: IExecuteFunctions,
	itemIndex: number,
	change: AppointmentChange,
	answer: unknown,
): Promise<ChangeOutcome> {
	let after: IDataObject;
	try {
		after = await change.readBack();
	} catch (error) {
		const reason = (error as Error)?.message ?? String(error);
		announce(
			context,
			`coreplus accepted the ${change.what} of appointment ${change.appointmentId}, but reading it back to confirm failed (${reason}); the output is coreplus' answer`,
		);
		return { appointment: answeredRecord(answer, change.appointmentId), readBackFailed: reason };
	}
	if (change.isApplied(after)) return { appointment: after };
	throw new NodeOperationError(
		context.getNode(),
		`coreplus accepted the ${change.what} of appointment ${change.appointmentId}, but reading it back shows it unchanged`,
		{
			itemIndex,
			description: `It was not sent again. Check ${change.whereToCheck} in coreplus, and run "npm run conformance -- --book" against this server to see which form it takes.`,
		},
	);
}

function answeredRecord(answer: unknown, appointmentId: string): IDataObject {
	const record = (answer as IDataObject | undefined)?.appointment;
	return typeof record === 'object' && record !== null && !Array.isArray(record)
		? (record as IDataObject)
		: { appointmentId };
}

/** The answer was lost: read back, and if that fails too, say the outcome is unknown and what to check. */
async function readBackAfterLoss(
	context: IExecuteFunctions,
	itemIndex: number,
	change: AppointmentChange,
): Promise<IDataObject> {
	try {
		return await change.readBack();
	} catch (error) {
		const reason = (error as Error)?.message ?? String(error);
		throw new NodeOperationError(
			context.getNode(),
			`The ${change.what} of appointment ${change.appointmentId} has an unknown outcome: its answer was lost and reading the appointment back failed (${reason})`,
			{
				itemIndex,
				description: `coreplus may have applied it. Check ${change.whereToCheck} in coreplus. Running the node again is safe: it reads the appointment first and does not ${change.what} twice.`,
			},
		);
	}
}
