import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	readListAnswer,
	readRecordAnswer,
	redactShapeError,
	type ListPage,
	type ListShape,
	type Notice,
	type RecordShape,
} from './envelope';
import { readAllPages } from './paginate';
import { COREPLUS_CREDENTIAL_TYPE, readCredentials } from './credentials';
import { CoreplusRefusalError, redactRefusal, throwIfRefused } from './refusals';
import { coreplusRequest, type CoreplusContext, type CoreplusRequest } from './request';

/**
 * Every coreplus endpoint the node uses, once: its path, the key its answer holds the data under
 * (documented, or inferred where the page lost its sample) and the id field of its rows.
 * Everything reads through `readList` and `readRecord`, which apply the envelope rule of
 * envelope.ts (tolerate another key visibly, refuse an unreadable answer loudly).
 */
export interface ListEndpoint extends ListShape {
	/** Path below /API/Core/<version>/. */
	path: string;
}

export interface RecordEndpoint extends RecordShape {
	method: IHttpRequestMethods;
	/** Path below /API/Core/<version>/; a function of the record id for `…/{id}/` paths. */
	path: string | ((id: string) => string);
}

export const LISTS = {
	location: { path: 'Location/', listKey: 'locations', idField: 'locationId' },
	practitioner: { path: 'Practitioner/', listKey: 'practitioners', idField: 'practitionerId' },
	appointmentType: {
		path: 'AppointmentType/',
		listKey: 'appointmentTypes',
		idField: 'appointmentTypeId',
	},
	client: { path: 'Client/', listKey: 'clients', idField: 'clientId' },
	appointment: { path: 'Appointment/', listKey: 'appointments', idField: 'appointmentId' },
	// Slots carry no id: pages are merged by content. `timeslots`: the key public clients read
	// (WordPress plugin 2016, voice agent 2026); the inferred `availabilitySlots` is read with a notice.
	availabilitySlot: { path: 'AvailabilitySlot/', listKey: 'timeslots' },
	// Documented lower case, as `invoice/?Field=invoiceNumber&Field=lineItems.itemNumber`.
	invoice: { path: 'invoice/', listKey: 'invoices', idField: 'invoiceId' },
} satisfies Record<string, ListEndpoint>;

export const RECORDS = {
	// The documented example has a trailing slash before the query: `Appointment/<id>/?getPractitionerProfiles=true`.
	appointment: {
		method: 'GET',
		path: (id: string) => `Appointment/${encodeURIComponent(id)}/`,
		recordKey: 'appointment',
		idField: 'appointmentId',
	},
	bookAppointment: {
		method: 'POST',
		path: 'Appointment/',
		recordKey: 'appointment',
		idField: 'appointmentId',
	},
	createClient: { method: 'POST', path: 'Client/', recordKey: 'client', idField: 'clientId' },
	// Documented flat (no `invoice` key), without a slash before the query: `invoice/<id>?getLocationId=True`.
	invoice: {
		method: 'GET',
		path: (id: string) => `invoice/${encodeURIComponent(id)}`,
		idField: 'invoiceId',
	},
	// `Payment/?invoiceId=<id>`: documented flat, `{ invoiceId, lineItems: [{ lineItemId, payments }] }`.
	invoicePayments: { method: 'GET', path: 'Payment/', idField: 'invoiceId' },
	// Documented as the bare family member.
	addFamilyMember: { method: 'POST', path: 'ClientFamily/', idField: 'familyId' },
	// Documented as the bare `{ appointmentTypeId, description }`; the documented path is lower case.
	createAppointmentType: { method: 'POST', path: 'appointmenttype/', idField: 'appointmentTypeId' },
	// Cancel and reschedule, which coreplus' pages do not document; public clients of the live API
	// use them (docs/coreplus-api.md#appointment-cancel). Both answer `{ appointment: {…} }`; the node confirms every
	// change by reading the appointment back, so the answer's shape is never relied on.
	/** `{ "deleted": "true", "appointmentId" }` (WordPress plugin 2016, Acuity sync 2025). */
	cancelAppointmentInBody: {
		method: 'POST',
		path: 'Appointment/',
		recordKey: 'appointment',
		idField: 'appointmentId',
	},
	/** `{ "deleted": true }` (voice agent 2026); reschedule too (`startDateTime`, `endDateTime`, …). */
	changeAppointmentById: {
		method: 'POST',
		path: (id: string) => `Appointment/${encodeURIComponent(id)}/`,
		recordKey: 'appointment',
		idField: 'appointmentId',
	},
} satisfies Record<string, RecordEndpoint>;

type ReadEndpoint = RecordEndpoint & { method: 'GET' };
type WriteEndpoint = RecordEndpoint & { method: 'POST' };

/**
 * Writes whose answer coreplus does not document: any 2xx is the write done, and the answer is
 * passed on as it came (sendWrite). Message: coreplus has been seen to accept an upload with
 * `200 { "result": [], "statusMessages": [] }`; the emulator's `{ "message": {...} }` is inferred.
 */
export const WRITES = {
	sendMessage: { method: 'POST', path: 'Message/' },
	// Documented as a flat invoice-like answer whose sample is cut off: the node reads the payment
	// back instead of relying on it (helpers/payment/).
	addPayment: { method: 'POST', path: 'Payment/' },
	// No answer is documented: an empty body, a record and a status object are all a stored file.
	uploadClientFile: { method: 'POST', path: 'File/' },
} satisfies Record<string, { method: IHttpRequestMethods; path: string }>;

/**
 * Sends a write of WRITES and returns its answer as it came (any body, or none). Only coreplus'
 * refusal body (`result[]` with a reason of severity 2 or more, no data) fails it, whatever the
 * status; its informational entries go to `notice` (refusals.ts).
 */
export async function sendWrite(
	context: CoreplusContext,
	endpoint: { method: IHttpRequestMethods; path: string },
	request: Omit<CoreplusRequest, 'method' | 'endpoint'> & Noticed,
): Promise<unknown> {
	const what = `${endpoint.method} ${endpoint.path}`;
	const { notice, ...rest } = request;
	return await withRefusalsRedacted(context, request.itemIndex, async () => {
		const answer = await coreplusRequest<unknown>(context, {
			...rest,
			method: endpoint.method,
			endpoint: endpoint.path,
		});
		throwIfRefused(context.getNode(), what, answer, request.itemIndex, notice);
		return answer;
	});
}

/** What every read needs beside its request: how the caller shows an answer the read adapted to. */
interface Noticed {
	notice: Notice;
}

/** Query, item and Request Options of one read (the endpoint gives the path). */
export type ListRequest = Omit<CoreplusRequest, 'method' | 'endpoint' | 'body'> & Noticed;
export type RecordRequest = Omit<CoreplusRequest, 'method' | 'endpoint'> &
	Noticed & {
		/** The record id, for endpoints whose path holds it. */
		id?: string;
	};

/**
 * Runs a read or write; a refusal answered as a success (refusals.ts) and an answer of a shape
 * the node cannot read (envelope.ts) are re-worded with the credential's secrets removed, as
 * request.ts does for refusals with an error status.
 */
export async function withRefusalsRedacted<T>(
	context: CoreplusContext,
	itemIndex: number | undefined,
	run: () => Promise<T>,
): Promise<T> {
	// Other failures pass through as they are: coreplusRequest already made them n8n errors.
	return await run().catch(async (error: unknown) => {
		const data = async () =>
			readCredentials(await context.getCredentials(COREPLUS_CREDENTIAL_TYPE, itemIndex));
		if (error instanceof CoreplusRefusalError)
			throw redactRefusal(context.getNode(), error, await data());
		throw redactShapeError(context, error, await data());
	});
}

/** Every row of a list endpoint (or the first `limit`), all pages read. */
export async function readList(
	context: CoreplusContext,
	endpoint: ListEndpoint,
	request: ListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const { notice, ...rest } = request;
	return await withRefusalsRedacted(context, request.itemIndex, async () =>
		readAllPages(
			context,
			`GET ${endpoint.path}`,
			{ ...rest, endpoint: endpoint.path },
			endpoint,
			notice,
			limit,
		),
	);
}

/** One page of a list endpoint, for callers that page themselves (the client picker, the trigger's sample). */
export async function readPage(
	context: CoreplusContext,
	endpoint: ListEndpoint,
	pageNumber: number,
	pageSize: number,
	request: ListRequest,
): Promise<ListPage> {
	const { notice, ...rest } = request;
	return await withRefusalsRedacted(context, request.itemIndex, async () => {
		const answer = await coreplusRequest<unknown>(context, {
			...rest,
			method: 'GET',
			endpoint: endpoint.path,
			query: { ...request.query, pageNumber, pageSize },
		});
		const what = `GET ${endpoint.path}`;
		return readListAnswer(context, what, endpoint, answer, notice, request.itemIndex);
	});
}

function pathOf(endpoint: RecordEndpoint, id: string | undefined): string {
	if (typeof endpoint.path === 'string') return endpoint.path;
	if (id === undefined) throw new Error('This coreplus endpoint needs a record id');
	return endpoint.path(id);
}

/** Reads one record (GET). */
export async function readRecord(
	context: CoreplusContext,
	endpoint: ReadEndpoint,
	request: RecordRequest,
): Promise<IDataObject> {
	return await exchangeRecord(context, endpoint, request);
}

/** Sends one write (POST) whose answer carries the record made or changed. */
export async function writeRecord(
	context: CoreplusContext,
	endpoint: WriteEndpoint,
	request: RecordRequest,
): Promise<IDataObject> {
	return await exchangeRecord(context, endpoint, request);
}

/** Sends one read or write and returns the single record of its answer. */
async function exchangeRecord(
	context: CoreplusContext,
	endpoint: RecordEndpoint,
	request: RecordRequest,
): Promise<IDataObject> {
	const { id, notice, ...rest } = request;
	const path = pathOf(endpoint, id);
	return await withRefusalsRedacted(context, request.itemIndex, async () => {
		const answer = await coreplusRequest<unknown>(context, {
			...rest,
			method: endpoint.method,
			endpoint: path,
		});
		return recordOf(context, endpoint, answer, notice, path, request.itemIndex);
	});
}

/** The single record of an answer already received (for callers that make the request themselves). */
function recordOf(
	context: CoreplusContext,
	endpoint: RecordEndpoint,
	answer: unknown,
	notice: Notice,
	path = pathOf(endpoint, '{id}'),
	itemIndex?: number,
): IDataObject {
	return readRecordAnswer(
		context,
		`${endpoint.method} ${path}`,
		endpoint,
		answer,
		notice,
		itemIndex,
		endpoint.method !== 'GET',
	);
}
