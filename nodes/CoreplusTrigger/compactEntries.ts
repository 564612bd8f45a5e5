import { DateTime, FixedOffsetZone } from 'luxon';

import { hasOffset } from '../Coreplus/helpers/rules/dates';
import { clientsDigest } from './fingerprint';
import { idMap, type AppointmentFingerprint, type IdMap } from './types';

/**
 * The stored form of the appointment entries, about 55 bytes per watched appointment (key
 * included) instead of ~200: a GUID id as 22 base64url characters, the start as epoch seconds
 * and offset, the end as minutes after the start, status/practitioner/location/appointment type
 * as indices into one shared list of the distinct values (a practice has few), and the client
 * list as a digest (enough to tell that it changed; its previous value is not kept).
 * Stored keys are never raw server ids (a GUID in base64url, anything else behind "="), so an id
 * such as `__proto__` is a plain key in the workflow's static data too.
 */
export interface StoredEntries {
	/** Distinct status/practitioner/location/type values the entries refer to by index. */
	values: string[];
	entries: Record<string, string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RAW = '=';

export function encodeId(id: string): string {
	return GUID.test(id)
		? Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url')
		: `${RAW}${id}`;
}

export function decodeId(key: string): string {
	if (key.startsWith(RAW)) return key.slice(RAW.length);
	const hex = Buffer.from(key, 'base64url').toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parse(iso: string) {
	return DateTime.fromISO(iso, { setZone: true, zone: 'UTC' });
}

function render(seconds: number, offset: string): string {
	const zone = offset === 'n' ? 'UTC' : FixedOffsetZone.instance(parseInt(offset, 36));
	return DateTime.fromSeconds(seconds, { zone }).toISO({
		suppressMilliseconds: true,
		includeOffset: offset !== 'n',
	})!;
}

// Start as "seconds,offset" in base 36 (offset "n" when coreplus gave none); anything that would
// not come back identical is kept as written.
function encodeStart(start: string): string[] {
	const parsed = parse(start);
	const offset = hasOffset(start) ? parsed.offset.toString(36) : 'n';
	const seconds = parsed.toSeconds();
	return Number.isInteger(seconds) && render(seconds, offset) === start
		? [seconds.toString(36), offset]
		: [`${RAW}${start}`, ''];
}

function encodeEnd(start: string, end: string | null, offset: string): string {
	if (end === null) return '';
	const minutes = (parse(end).toSeconds() - parse(start).toSeconds()) / 60;
	const seconds = parse(start).toSeconds() + minutes * 60;
	return Number.isInteger(minutes) && offset !== '' && render(seconds, offset) === end
		? minutes.toString(36)
		: `${RAW}${end}`;
}

const INDEXED = ['status', 'deleted', 'practitionerId', 'locationId', 'appointmentTypeId'] as const;

export function encodeEntries(entries: IdMap<AppointmentFingerprint>): StoredEntries {
	const values: string[] = [];
	const indexOf = new Map<string, number>();
	const ref = (value: string | null) => {
		if (value === null) return '';
		if (!indexOf.has(value)) indexOf.set(value, values.push(value) - 1);
		return indexOf.get(value)!.toString(36);
	};
	const stored: Record<string, string> = {};
	for (const [id, fingerprint] of Object.entries(entries)) {
		const [start, offset] = encodeStart(fingerprint.start);
		const fields = [
			start,
			offset,
			encodeEnd(fingerprint.start, fingerprint.end, offset),
			...INDEXED.map((field) => ref(fingerprint[field])),
		];
		stored[encodeId(id)] = [...fields, clientsDigest(fingerprint.clientIds) ?? ''].join('|');
	}
	return { values, entries: stored };
}

function decodeTime(text: string, startIso: string, offset: string): string | null {
	if (text === '') return null;
	if (text.startsWith(RAW)) return text.slice(RAW.length);
	return render(parse(startIso).toSeconds() + parseInt(text, 36) * 60, offset);
}

export function decodeEntries(stored: StoredEntries): IdMap<AppointmentFingerprint> {
	const entries = idMap<AppointmentFingerprint>();
	const value = (ref: string) => (ref === '' ? null : (stored.values[parseInt(ref, 36)] ?? null));
	for (const [key, text] of Object.entries(stored.entries)) {
		const [start, offset, end, ...fields] = text.split('|');
		const indexed = fields.slice(0, INDEXED.length).map(value);
		const startIso = start.startsWith(RAW)
			? start.slice(RAW.length)
			: render(parseInt(start, 36), offset);
		const clients = fields[INDEXED.length];
		entries[decodeId(key)] = {
			start: startIso,
			end: decodeTime(end, startIso, offset),
			...(Object.fromEntries(INDEXED.map((field, index) => [field, indexed[index]])) as Record<
				(typeof INDEXED)[number],
				string | null
			>),
			clientIds: clients === '' ? null : clients,
		};
	}
	return entries;
}
