import type { IDataObject } from 'n8n-workflow';

import { lastPageStart, readRowsFrom } from '../Coreplus/transport/pagePositions';
import type { CoreplusContext } from '../Coreplus/transport/request';
import { idKey } from '../Coreplus/helpers/rules/ids';
import { baselineRows } from './baseline';
import { BoundedMap, TRIGGERS_PER_PROCESS } from './boundedMap';
import { clientHash, CLIENT_HASH_CHARS } from './digest';
import { eventIdOf } from './fingerprint';
import { listClients, readClientPage, type ClientPage } from './reads';
import type { ClientWatch, EmittedEvent } from './types';

/**
 * New Client without reading the whole list each poll. coreplus lists clients with no creation
 * date and documents no order; the emulator (and, we infer, coreplus) appends new clients at the
 * end. A steady-state poll reads page 1 (for `totalRows`) and the pages from the last known tail
 * to the end: 2 requests when nothing changed, 3 when new clients cross a page boundary. The
 * order assumption is used only as far as the data proves it: the previously last rows must still
 * be where they were. When they are not, when the total shrinks, on the first poll after n8n
 * starts and at least once an hour, the whole list is read and compared with the hashes of every
 * known id (a reconciliation), so no client is missed when the assumption fails.
 */

const RECONCILE_EVERY_MS = 60 * 60 * 1000;

// Per workflow and node, in this process: when the last reconciliation ran. Kept out of the
// stored state so that an hourly reconciliation that finds nothing does not rewrite the workflow.
// Bounded: a dropped time only brings the next reconciliation forward.
const lastReconciled = new BoundedMap<string, number>(TRIGGERS_PER_PROCESS);

function knownSet(known: string): Set<string> {
	const set = new Set<string>();
	for (let at = 0; at < known.length; at += CLIENT_HASH_CHARS)
		set.add(known.slice(at, at + CLIENT_HASH_CHARS));
	return set;
}

const joinKnown = (set: Set<string>) => [...set].sort().join('');
// Ids in one case (`idKey`): a client id served in another case is the same client.
const idOf = (row: IDataObject) =>
	typeof row.clientId === 'string' && row.clientId ? idKey(row.clientId) : undefined;
const newClientEvent = (record: IDataObject): EmittedEvent => ({
	event: 'newClient',
	eventId: eventIdOf(String(record.clientId), 'newClient'),
	record,
});

/** The rows from position `from` to the end of the list, page 1 already read. */
async function rowsFrom(
	context: CoreplusContext,
	first: ClientPage,
	from: number,
): Promise<IDataObject[]> {
	return await readRowsFrom(first, from, first.totalRows, first.pageSize, async (pageNumber) =>
		readClientPage(context, pageNumber),
	);
}

/** The ids of the last page of a list of `ids`: where the next quiet poll starts reading. */
function tailOf(ids: string[], pageSize: number): Pick<ClientWatch, 'tailStart' | 'tail'> {
	const tailStart = lastPageStart(ids.length, pageSize);
	return { tailStart, tail: ids.slice(tailStart) };
}

/**
 * Which known ids a reconciliation forgets. Only a listing proven complete (every row read once,
 * as many rows as `totalRows` said) can show an id gone, and even such a listing can miss a row
 * when one client is deleted before it and another added after it while its pages are read (the
 * totals then agree). So an id is forgotten only when two proven listings in a row miss it; one
 * miss puts it in `missing`.
 */
function keptAfter(
	known: Set<string>,
	listed: Set<string>,
	proven: boolean,
	previousMissing: Set<string>,
): { kept: Set<string>; missing: Set<string> } {
	const absent = [...known].filter((hash) => !listed.has(hash));
	if (!proven) return { kept: new Set([...known, ...listed]), missing: previousMissing };
	const missing = new Set(absent.filter((hash) => !previousMissing.has(hash)));
	return { kept: new Set([...listed, ...missing]), missing };
}

/** The whole list, compared with every known id (none known: the first poll's baseline). */
async function reconcile(context: CoreplusContext, first: ClientPage, previous?: ClientWatch) {
	const listed = await listClients(context);
	// The first listing is the baseline: confirmed by another reading (baseline.ts).
	const rows = previous
		? listed
		: await baselineRows(listed, async () => await listClients(context), idOf);
	const ids = rows.map(idOf).filter((id): id is string => id !== undefined);
	const proven = new Set(ids).size === ids.length && ids.length === first.totalRows;
	const hashes = new Set(ids.map(clientHash));
	const known = previous ? knownSet(previous.known) : undefined;
	const events = known
		? rows.filter((row) => idOf(row) && !known.has(clientHash(idOf(row)!))).map(newClientEvent)
		: [];
	const { kept, missing } = keptAfter(
		known ?? hashes,
		hashes,
		proven,
		knownSet(previous?.missing ?? ''),
	);
	const next: ClientWatch = {
		total: ids.length,
		...tailOf(ids, first.pageSize),
		known: joinKnown(kept),
	};
	if (missing.size) next.missing = joinKnown(missing);
	return { events, next };
}

/** One poll of New Client: the events and what to remember (the same object when nothing changed). */
export async function pollNewClients(
	context: CoreplusContext,
	key: string,
	previous: ClientWatch | undefined,
	now: number,
): Promise<{ events: EmittedEvent[]; next: ClientWatch }> {
	const first = await readClientPage(context, 1);
	const since = now - (lastReconciled.get(key) ?? -Infinity);
	// A clock stepped back (since < 0) must not put the hourly reconciliation off by the step.
	const due = since >= RECONCILE_EVERY_MS || since < 0;
	if (previous && !due && first.totalRows >= previous.total) {
		const rows = await rowsFrom(context, first, previous.tailStart);
		const ids = rows.map(idOf);
		if (
			previous.tail.every((id, index) => ids[index] === id) &&
			ids.every((id) => id !== undefined)
		) {
			if (first.totalRows === previous.total) return { events: [], next: previous };
			const known = knownSet(previous.known);
			const added = rows
				.slice(previous.tail.length)
				.filter((row) => !known.has(clientHash(idOf(row)!)));
			for (const row of added) known.add(clientHash(idOf(row)!));
			// `ids` are the rows from `previous.tailStart` on; the new tail is the list's last page.
			const tailStart = lastPageStart(first.totalRows, first.pageSize);
			const tail = (ids as string[]).slice(tailStart - previous.tailStart);
			return {
				events: added.map(newClientEvent),
				next: { ...previous, total: first.totalRows, tailStart, tail, known: joinKnown(known) },
			};
		}
	}
	const result = await reconcile(context, first, previous);
	lastReconciled.set(key, now);
	if (previous && !result.events.length && JSON.stringify(result.next) === JSON.stringify(previous))
		return { events: [], next: previous };
	return result;
}
