/**
 * Switches that make the emulator answer an endpoint in another envelope than the one the node
 * infers, as an independent coreplus implementation plausibly could where the documentation is
 * silent. The rows and records themselves are never changed, only what wraps them.
 */
export type EnvelopeVariant =
	/** The rows (or the record) under `data` instead of the documented key. */
	| 'renamedKey'
	/** Top-level keys and the paging fields in PascalCase (`Appointments`, `Paging.TotalRows`). */
	| 'pascalCase'
	/** The rows (or the record) under `results` (`result`), beside extra wrapper fields. */
	| 'extraFields'
	/** A list as a bare array of the page's rows (no paging); a record as a one-element array. */
	| 'bareArray'
	/** Two candidate lists (or records) and not the documented key: unreadable. */
	| 'ambiguous'
	/** An empty object: unreadable. */
	| 'empty'
	/** A record answered as a list envelope holding it (Appointment → Get must refuse it). */
	| 'listEnvelope'
	/** The answer as it is plus an informational `result[]` entry (severity 1) beside the data. */
	| 'informational'
	/** Only an informational entry (severity 0): the request was carried out, no data is answered. */
	| 'informationalOnly'
	/** Only a refusing entry (severity 2) at 200, though the request WAS carried out. */
	| 'refusalOnly';

/** The `result[]` texts of the variants above. */
export const INFORMATIONAL_REASON = 'Saved. Reminders for this client are switched off';
export const REFUSAL_REASON = 'The practitioner could not be notified';

export interface EnvelopeSwitch {
	/** Lower-case path below /API/Core/<version>/ without trailing slash; `appointment/*` matches `appointment/<id>`. */
	path: string;
	method?: string;
	variant: EnvelopeVariant;
}

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const pascal = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
const pascalKeys = (body: Body) =>
	Object.fromEntries(Object.entries(body).map(([key, value]) => [pascal(key), value]));
const EXTRA_FIELDS = { success: true, requestId: 'req-7f3a', serverVersion: '9.9.0' };

function reshapeList(body: Body, variant: EnvelopeVariant): unknown {
	const listKey = Object.keys(body).find(
		(key) => key !== 'statusMessages' && Array.isArray(body[key]),
	)!;
	const { [listKey]: rows, paging, statusMessages } = body;
	switch (variant) {
		case 'renamedKey':
			return { data: rows, paging, statusMessages };
		case 'pascalCase':
			return {
				[pascal(listKey)]: rows,
				Paging: isObject(paging) ? pascalKeys(paging) : paging,
				StatusMessages: statusMessages,
			};
		case 'extraFields':
			return { ...EXTRA_FIELDS, results: rows, paging, statusMessages };
		case 'bareArray':
			return rows;
		case 'ambiguous':
			return { current: rows, archived: [], paging, statusMessages };
		case 'empty':
			return {};
		case 'listEnvelope':
			return body;
		default:
			return body;
	}
}

function reshapeRecord(body: Body, variant: EnvelopeVariant): unknown {
	// `{ "appointment": {...} }` or a bare record (`{ appointmentTypeId, description }`).
	const keys = Object.keys(body);
	const keyed = keys.length === 1 && isObject(body[keys[0]]);
	const record = keyed ? (body[keys[0]] as Body) : body;
	const recordKey = keyed ? keys[0] : 'record';
	switch (variant) {
		case 'renamedKey':
			return { data: record };
		case 'pascalCase':
			return { [pascal(recordKey)]: record };
		case 'extraFields':
			return { ...EXTRA_FIELDS, result: record };
		case 'bareArray':
			return [record];
		case 'ambiguous':
			return { current: record, previous: { ...record } };
		case 'empty':
			return {};
		case 'listEnvelope':
			return {
				[`${recordKey}s`]: [record],
				paging: { pageNumber: 1, pageSize: 50, totalRows: 1 },
				statusMessages: [],
			};
		default:
			return body;
	}
}

/** The envelope switches of one emulator, set from tests. */
export class EnvelopeSwitches {
	private readonly switches: EnvelopeSwitch[] = [];

	set(envelope: EnvelopeSwitch): void {
		this.switches.unshift(envelope);
	}

	clear(): void {
		this.switches.length = 0;
	}

	/** The answer as the switched endpoint writes it (successful answers only). */
	reshape(method: string, path: string, body: unknown): unknown {
		const matches = (envelope: EnvelopeSwitch) =>
			(!envelope.method || envelope.method === method) &&
			(envelope.path === path ||
				(envelope.path.endsWith('/*') && path.startsWith(envelope.path.slice(0, -1))));
		const envelope = this.switches.find(matches);
		if (!envelope) return body;
		const entry = (severity: number, reason: string) => ({ severity, reason });
		switch (envelope.variant) {
			case 'informational':
				return isObject(body) ? { ...body, result: [entry(1, INFORMATIONAL_REASON)] } : body;
			case 'informationalOnly':
				return { result: [entry(0, INFORMATIONAL_REASON)], statusMessages: [] };
			case 'refusalOnly':
				return { result: [entry(2, REFUSAL_REASON)], statusMessages: [] };
		}
		if (!isObject(body)) return body;
		return 'paging' in body
			? reshapeList(body, envelope.variant)
			: reshapeRecord(body, envelope.variant);
	}
}
