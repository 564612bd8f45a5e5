import type { IExecuteFunctions } from 'n8n-workflow';

import { normalizedName, type ClientIdentity } from '../rules/matchClient';

/**
 * Creates whose outcome is unknown (the answer timed out or was lost): coreplus may still be
 * saving the record when a retry (Retry On Fail, a re-run, a later item) looks for it and finds
 * nothing. Such a person is not created again in that execution, nor in this process for
 * GRACE_MS, unless a look-up finds them; the memory is this module's alone.
 *
 * Bounded: at most MAX_ENTRIES, the oldest dropped first. Entries of another execution end after
 * GRACE_MS; an execution's own entries last as long as the memory holds them. Ages are measured on
 * a monotonic clock, so a clock step neither ends nor stretches the grace period.
 */
const GRACE_MS = 10 * 60_000;
const MAX_ENTRIES = 500;

interface Unsettled {
	/** performance.now() of the unanswered create. */
	at: number;
	/** The wall-clock time it was sent, to show. */
	sentAt: Date;
	executionId?: string;
}

const unsettled = new Map<string, Unsettled>();

/** The key of one record for one credential: its kind and identity, names read as coreplus matches them. */
function unsettledKey(context: IExecuteFunctions, parts: string[]): string {
	const credential = context.getNode().credentials?.coreplusApi;
	return [credential?.id ?? credential?.name ?? '', ...parts].join('\u0000');
}

/** A client: normalised first and last name and date of birth. */
export function clientKey(context: IExecuteFunctions, person: ClientIdentity): string {
	const { firstName, lastName, dateOfBirth } = person;
	return unsettledKey(context, [
		'client',
		normalizedName(firstName),
		normalizedName(lastName),
		dateOfBirth,
	]);
}

/** A family member: the client, the member's normalised names and date of birth (if given). */
export function familyMemberKey(
	context: IExecuteFunctions,
	member: { clientId: string; firstName: string; surname: string; dateOfBirth?: string },
): string {
	return unsettledKey(context, [
		'family',
		member.clientId.toLowerCase(),
		normalizedName(member.firstName),
		normalizedName(member.surname),
		member.dateOfBirth ?? '',
	]);
}

/** Remembers a create whose outcome is unknown. */
export function noteUnsettled(context: IExecuteFunctions, key: string): void {
	unsettled.delete(key);
	unsettled.set(key, {
		at: performance.now(),
		sentAt: new Date(),
		executionId: context.getExecutionId() || undefined,
	});
	for (const oldest of unsettled.keys()) {
		if (unsettled.size <= MAX_ENTRIES) break;
		unsettled.delete(oldest);
	}
}

/** When the unknown create of this key was sent, if it still stops another one. */
export function unsettledSince(context: IExecuteFunctions, key: string): Date | undefined {
	const entry = unsettled.get(key);
	if (!entry) return undefined;
	const sameExecution =
		entry.executionId !== undefined && entry.executionId === context.getExecutionId();
	if (sameExecution || performance.now() - entry.at < GRACE_MS) return entry.sentAt;
	unsettled.delete(key);
	return undefined;
}

/** A look-up found the record: the create's outcome is known. */
export function settle(key: string): void {
	unsettled.delete(key);
}

/** The end of the grace period for a create sent at `sentAt`, for messages. */
export function graceEndsAt(sentAt: Date): string {
	return new Date(sentAt.getTime() + GRACE_MS).toISOString().replace(/\.\d+Z$/, 'Z');
}

export const UNSETTLED_GRACE_MINUTES = GRACE_MS / 60_000;
