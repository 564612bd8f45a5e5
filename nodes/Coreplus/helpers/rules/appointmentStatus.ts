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
