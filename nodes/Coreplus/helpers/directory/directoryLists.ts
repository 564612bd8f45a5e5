import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LISTS, readList as readEndpointList, type ListEndpoint } from '../../transport/endpoints';
import { noticeFor } from '../output/notices';
import { asIncomplete, mayBeIncomplete } from '../../transport/paginate';
import type { Query } from '../../transport/url';
import { readRequestOptions } from '../parameters/parameters';
import { sameId } from '../rules/ids';

/**
 * The lists a node looks things up in (a location's time zone, a type's duration, names for
 * messages and simplified output), read once per execution and credential and shared by every
 * item and every coreplus node of that execution. Never kept across executions: a practice's lists
 * change (a type created a moment ago must be bookable in the next run).
 */
export type DirectoryKind = 'locations' | 'practitioners' | 'appointmentTypes' | 'clients';

const LIST_OF: Record<DirectoryKind, ListEndpoint & { idField: string }> = {
	locations: LISTS.location,
	practitioners: LISTS.practitioner,
	appointmentTypes: LISTS.appointmentType,
	clients: LISTS.client,
};

interface CachedList {
	rows: Promise<IDataObject[]>;
	/** A miss re-reads the list at most once per execution (something may have been created since). */
	reread: boolean;
}

// Keyed on n8n's execution id (`getExecutionId()`, the same id in the editor, the executions list
// and on a queue worker), so two executions never share lists. A node gets no call when an
// execution ends, so the map is bounded instead: the lists of the MAX_EXECUTIONS executions used
// most recently are kept (one evicted mid-run only reads its lists again), and lists unused for
// IDLE_MS are read again (an execution resumed after a Wait node keeps its id, not its lists).
const MAX_EXECUTIONS = 32;
const IDLE_MS = 10 * 60_000;

interface ExecutionLists {
	lists: Map<string, CachedList>;
	usedAt: number;
}
const executions = new Map<string, ExecutionLists>();

function listsOfExecution(context: IExecuteFunctions): Map<string, CachedList> | undefined {
	const executionId = context.getExecutionId();
	// No id (a context outside a saved execution): nothing is shared.
	if (!executionId) return undefined;
	const now = Date.now();
	const known = executions.get(executionId);
	const lists = known && now - known.usedAt <= IDLE_MS ? known.lists : new Map();
	// A Map keeps insertion order: re-inserting makes this execution the most recently used.
	executions.delete(executionId);
	executions.set(executionId, { lists, usedAt: now });
	for (const oldest of executions.keys()) {
		if (executions.size <= MAX_EXECUTIONS) break;
		executions.delete(oldest);
	}
	return lists;
}

function cacheKey(context: IExecuteFunctions, kind: DirectoryKind): string {
	const credential = context.getNode().credentials?.coreplusApi;
	return `${credential?.id ?? credential?.name ?? ''}\u0000${kind}`;
}

// The client list's rows carry email and mobile only when asked for (the 2025 sync asks
// `Field=phonenumbermobile&Field=email`: docs/coreplus-api.md#client-list); Find's "Also Match On" needs them.
const LIST_QUERY: Partial<Record<DirectoryKind, Query>> = {
	clients: { Field: ['email', 'phonenumbermobile'] },
};

function readList(
	context: IExecuteFunctions,
	kind: DirectoryKind,
	itemIndex: number,
): Promise<IDataObject[]> {
	// The item that needs the list first sets how hard it is read (its Request Options).
	return readEndpointList(context, LIST_OF[kind], {
		itemIndex,
		query: LIST_QUERY[kind],
		...readRequestOptions(context, itemIndex),
		notice: noticeFor(context),
	});
}

function store(
	context: IExecuteFunctions,
	kind: DirectoryKind,
	itemIndex: number,
	reread: boolean,
): CachedList {
	const lists = listsOfExecution(context);
	const entry: CachedList = { rows: readList(context, kind, itemIndex), reread };
	if (!lists) return entry;
	const key = cacheKey(context, kind);
	lists.set(key, entry);
	// A failed read is not kept: the next item tries again.
	entry.rows.catch(() => {
		if (lists.get(key) === entry) lists.delete(key);
	});
	return entry;
}

/** Every row of a list, read at most once in this execution for this credential. */
export async function readDirectory(
	context: IExecuteFunctions,
	kind: DirectoryKind,
	itemIndex: number,
): Promise<IDataObject[]> {
	const cached = listsOfExecution(context)?.get(cacheKey(context, kind));
	return await (cached ?? store(context, kind, itemIndex, false)).rows;
}

/**
 * The row with this id, or undefined. When the list was read earlier in the execution and lacks
 * the id, it is read once more (the record may have been created since), at most once per execution.
 */
export async function findInDirectory(
	context: IExecuteFunctions,
	kind: DirectoryKind,
	id: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const find = (rows: IDataObject[]) => rows.find((row) => sameId(row[LIST_OF[kind].idField], id));
	const lists = listsOfExecution(context);
	const cached = lists?.get(cacheKey(context, kind));
	if (!cached) return find(await store(context, kind, itemIndex, false).rows);
	const found = find(await cached.rows);
	if (found || cached.reread) return found;
	return find(await store(context, kind, itemIndex, true).rows);
}

/** Adds a record this execution created, so later items find it without reading the list again. */
export function rememberInDirectory(
	context: IExecuteFunctions,
	kind: DirectoryKind,
	row: IDataObject,
): void {
	const cached = listsOfExecution(context)?.get(cacheKey(context, kind));
	if (cached)
		cached.rows = cached.rows.then((rows) =>
			mayBeIncomplete(rows) ? asIncomplete([...rows, row]) : [...rows, row],
		);
}

/** The list as this execution already read it (or is reading it), without reading it. */
export function cachedDirectory(
	context: IExecuteFunctions,
	kind: DirectoryKind,
): Promise<IDataObject[]> | undefined {
	return listsOfExecution(context)?.get(cacheKey(context, kind))?.rows;
}

/**
 * Drops the list read in this execution, so the next look-up reads coreplus afresh: after a write
 * whose outcome is unknown (its answer lost), the record may exist although no list shows it.
 */
export function forgetDirectory(context: IExecuteFunctions, kind: DirectoryKind): void {
	listsOfExecution(context)?.delete(cacheKey(context, kind));
}
