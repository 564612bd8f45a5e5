import type { IDataObject } from 'n8n-workflow';

/**
 * The first listing of a watch (its baseline) must hold every record that existed: a record it
 * missed would later be told as new. coreplus pages by position, so a record deleted where the
 * pages were already read while another is added where they were not leaves a listing that
 * looks complete (every row once, the total reached) but skipped the row that moved back across a
 * page. Later listings are protected by the state (a known record that goes missing is looked
 * up, or kept until a second listing misses it too); the baseline has no state to lean on.
 *
 * So the baseline is read again, until two readings in a row show the same ids (nothing moved
 * while the second was read, so it is complete), at most `MAX_READINGS` times; the baseline is
 * every record any reading showed. It costs the first poll one more listing.
 */
const MAX_READINGS = 4;

export async function baselineRows(
	first: IDataObject[],
	readAgain: () => Promise<IDataObject[]>,
	idOf: (row: IDataObject) => string | undefined,
): Promise<IDataObject[]> {
	const idsOf = (rows: IDataObject[]) =>
		JSON.stringify(
			rows
				.map(idOf)
				.filter((id) => id !== undefined)
				.sort(),
		);
	const byId = new Map<string, IDataObject>();
	const keep = (rows: IDataObject[]) => {
		for (const row of rows) {
			const id = idOf(row);
			if (id !== undefined && !byId.has(id)) byId.set(id, row);
		}
	};
	keep(first);
	let last = idsOf(first);
	for (let reading = 2; reading <= MAX_READINGS; reading++) {
		const rows = await readAgain();
		keep(rows);
		const ids = idsOf(rows);
		if (ids === last) break;
		last = ids;
	}
	return [...byId.values()];
}
