import type { IDataObject } from 'n8n-workflow';

/**
 * The ONE rule for "this appointment is cancelled", shared by Book's look-ups, Cancel and the
 * trigger. coreplus documents no cancellation flag: public clients cancel by posting
 * `deleted: true`, and a status that mentions "cancel" ("Cancelled", "Canceled", "CANCELLED",
 * "Cancelled - late notice") marks one too.
 */
export function isCancelledStatus(status: unknown): boolean {
	return typeof status === 'string' && /cancel/i.test(status);
}

function isTrue(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** An appointment record (list row or single record) that coreplus reports as cancelled or deleted. */
export function isCancelledAppointment(record: IDataObject): boolean {
	return isTrue(record.deleted) || isCancelledStatus(record.status);
}

/**
 * A status that records what happened, so the appointment is history: attended, or the patient did
 * not come ("Attended", "Did Not Arrive", "DNA", "Did not attend", "No show"). coreplus documents
 * "Attended" as a status; the others are how practices and peer systems name a missed visit.
 */
export function isFinalStatus(status: unknown): boolean {
	return (
		typeof status === 'string' &&
		/attend|did\s*not\s*arrive|not\s*arrived|^\s*dna\s*$|no[\s-]*show/i.test(status)
	);
}
