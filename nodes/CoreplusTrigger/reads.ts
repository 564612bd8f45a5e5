import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { noticeFor } from '../Coreplus/helpers/output/notices';
import { asNodeError } from '../Coreplus/helpers/validation/errors';
import {
	ianaZoneFor,
	ianaZoneOfLocation,
	timezoneIdOfLocation,
} from '../Coreplus/helpers/rules/timezones';
import { LISTS, RECORDS, readList, readPage, readRecord } from '../Coreplus/transport/endpoints';
import { pageCountFor } from '../Coreplus/transport/pagePositions';
import type { CoreplusContext } from '../Coreplus/transport/request';
import type { DateRange } from './plan';

/**
 * What the trigger reads from coreplus. Everything goes through the shared transport (signing,
 * the 10 requests/second limiter, retries); a failure throws, and the caller then changes no state.
 */

export async function listLocations(context: CoreplusContext): Promise<IDataObject[]> {
	return await readList(context, LISTS.location, { notice: noticeFor(context) });
}

export interface QueryZone {
	/** coreplus' id of the zone, sent with every appointment list query. */
	timezoneId: string;
	/** Its IANA name, when the location names one the node knows (to tell local dates). */
	zone?: string;
}

/**
 * The appointment list needs a `timezoneId` (documented: the dates are read in that zone, times
 * returned in it) and has no location filter. Rule: the queries of a poll are in the zone of the
 * first watched location (or of the first location coreplus lists), by local dates in that zone
 * (see `plan.ts`); the window itself is then applied to each appointment's own start instant,
 * which carries its offset.
 */
export function queryZone(
	context: CoreplusContext,
	locations: IDataObject[],
	watchedLocationIds: string[],
): QueryZone {
	const watched = locations.find((location) =>
		watchedLocationIds.includes(String(location.locationId)),
	);
	if (watchedLocationIds.length && !watched) {
		throw new NodeOperationError(
			context.getNode(),
			'None of the selected locations exists in coreplus any more',
			{
				description: `Choose the locations again in "Location Names or IDs" (selected IDs: ${watchedLocationIds.join(', ')})`,
			},
		);
	}
	// Nested `timeZone.timezoneId` (evidence) or top-level (inferred): helpers/rules/timezones.ts.
	const location = watched ?? locations.find((row) => timezoneIdOfLocation(row));
	const timezoneId = location && timezoneIdOfLocation(location);
	if (typeof timezoneId !== 'string' || !timezoneId) {
		throw new NodeOperationError(
			context.getNode(),
			'coreplus lists no location with a timezoneId',
			{
				description:
					'The appointment list needs a location time zone; add a location in coreplus first',
			},
		);
	}
	return { timezoneId, zone: ianaZoneOfLocation(location!) ?? ianaZoneFor(timezoneId) };
}

/** The appointments of the local dates `range` (inclusive) in the zone `timezoneId`, every page. */
export async function listAppointments(
	context: CoreplusContext,
	timezoneId: string,
	range: DateRange,
): Promise<IDataObject[]> {
	const query = { ...range, timezoneId };
	return await readList(context, LISTS.appointment, { query, notice: noticeFor(context) });
}

// coreplus answers 404 also when the API consumer may not read appointments (the endpoint is not
// enabled for its add-on, or the token lacks the permission); such a body names it. That is no
// deletion.
const NOT_ALLOWED =
	/not (be )?(authori[sz]ed|enabled|permitted|allowed)|permission|forbidden|access denied|no endpoint/i;

/**
 * One appointment by id (GET Appointment/{id}); null when coreplus answers 404 for the record
 * (deleted). A 404 that says appointments may not be read is an error, never a deletion.
 */
export async function lookUpAppointment(
	context: CoreplusContext,
	appointmentId: string,
): Promise<IDataObject | null> {
	try {
		return await readRecord(context, RECORDS.appointment, {
			id: appointmentId,
			notice: noticeFor(context),
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			const said = `${error.message} ${error.description ?? ''}`;
			if (!NOT_ALLOWED.test(said)) return null;
			throw new NodeOperationError(
				context.getNode(),
				`coreplus refused to read appointment ${appointmentId}: ${error.message}`,
				{
					description:
						"A 404 that says the endpoint is not enabled or not authorised means this API consumer may not read appointments; the appointment is not taken for cancelled. Check the consumer's permissions in coreplus.",
				},
			);
		}
		throw asNodeError(context.getNode(), error);
	}
}

export async function listClients(context: CoreplusContext): Promise<IDataObject[]> {
	return await readList(context, LISTS.client, { notice: noticeFor(context) });
}

export interface ClientPage {
	rows: IDataObject[];
	/** `paging.totalRows` of this answer. */
	totalRows: number;
	/** Rows per page as coreplus answered (`paging.pageSize`), for position arithmetic. */
	pageSize: number;
}

/** One page of the client list (100 rows asked); its paging must be readable, or the read fails loudly. */
export async function readClientPage(
	context: CoreplusContext,
	pageNumber: number,
): Promise<ClientPage> {
	const page = await readPage(context, LISTS.client, pageNumber, 100, {
		notice: noticeFor(context),
	});
	const totalRows = Number(page.totalRows);
	const pageSize = Number(page.pageSize ?? 100);
	if (
		!Number.isInteger(totalRows) ||
		totalRows < 0 ||
		!Number.isInteger(pageSize) ||
		pageSize < 1
	) {
		throw new NodeOperationError(
			context.getNode(),
			'coreplus answered the client list without readable paging',
			{
				description:
					'Expected paging: { totalRows, pageSize } beside the clients; the trigger cannot tell new clients without them',
			},
		);
	}
	return { rows: page.rows, totalRows, pageSize };
}

/**
 * The last client of the list, for a manual test run, in two requests at most (page 1 tells
 * `totalRows`, then the last page). coreplus documents no order; newest-last is assumed, and it
 * only decides which sample the editor shows.
 */
export async function newestClient(context: CoreplusContext): Promise<IDataObject | undefined> {
	const first = await readClientPage(context, 1);
	const lastPage = pageCountFor(first.totalRows, first.pageSize);
	const last = lastPage > 1 ? await readClientPage(context, lastPage) : first;
	return last.rows[last.rows.length - 1];
}
