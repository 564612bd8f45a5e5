/** coreplus ids are GUIDs, written in upper or lower case by different endpoints: compare them blind to case. */
export function sameId(a: unknown, b: unknown): boolean {
	return typeof a === 'string' && typeof b === 'string' && idKey(a) === idKey(b);
}

/** The one form of an id that equals every spelling of it (for keys of stored state). */
export function idKey(id: string): string {
	return id.toLowerCase();
}
