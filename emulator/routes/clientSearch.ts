import type { Row } from '../data';
import { EmulatorHttpError } from '../http';

/**
 * How `GET Client/?name=` behaves. Evidence (docs/coreplus-api.md#client-search): the 2020 Flask client sends a
 * typed fragment for autocomplete; what coreplus matches it against is not documented.
 * - `substring` (default, our choice): case-insensitive substring of the first, last or preferred
 *   name, or of "first last".
 * - `ignored`: a server that does not know the filter and lists everyone.
 * - `nothing`: a server whose filter means something else and finds nobody.
 */
export type ClientNameFilter = 'substring' | 'ignored' | 'nothing';

/**
 * Fields a list row carries only when asked for with `Field=<name>` (any case): the 2025 sync asks
 * `Field=phonenumbermobile&Field=email` and then reads `phoneNumberMobile` and `email`,
 * which implies the default rows lack them. `GET Client/{id}` always answers them.
 */
export const ON_REQUEST_FIELDS = [
	'email',
	'phoneNumberMobile',
	'phoneNumberHome',
	'phoneNumberWork',
	'addressResidential',
	'addressPostal',
	'dvaCardNumber',
	'medicareCardNumber',
];

function namesOf(client: Row): string[] {
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const first = text(client.firstName);
	const last = text(client.lastName);
	return [first, last, text(client.preferredName), `${first} ${last}`];
}

function matchesName(client: Row, fragment: string, filter: ClientNameFilter): boolean {
	if (filter === 'ignored') return true;
	if (filter === 'nothing') return false;
	const wanted = fragment.trim().toLowerCase();
	return namesOf(client).some((name) => name.toLowerCase().includes(wanted));
}

function listRow(client: Row, asked: Set<string>): Row {
	const row: Row = {};
	for (const [key, value] of Object.entries(client)) {
		if (!ON_REQUEST_FIELDS.includes(key) || asked.has(key.toLowerCase())) row[key] = value;
	}
	return row;
}

/** The rows of `GET Client/`: narrowed by `name`, each carrying the `Field`s asked for. */
export function listedClients(
	clients: Row[],
	query: URLSearchParams,
	filter: ClientNameFilter = 'substring',
): Row[] {
	const fragment = query.get('name');
	const asked = new Set(query.getAll('Field').map((field) => field.toLowerCase()));
	const kept =
		fragment === null ? clients : clients.filter((c) => matchesName(c, fragment, filter));
	return kept.map((client) => listRow(client, asked));
}

/** `GET Client/{id}`: the bare record (the 2020 Flask client reads `firstName` etc. at top level). */
export function clientRecord(clients: Row[], id: string): Row {
	const client = clients.find((row) => String(row.clientId).toLowerCase() === id.toLowerCase());
	if (!client) throw new EmulatorHttpError(404, `Client ${id} not found`);
	return client;
}
