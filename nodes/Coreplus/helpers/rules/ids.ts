/** coreplus ids are GUIDs, written in upper or lower case by different endpoints: compare them blind to case. */
export function sameId(a: unknown, b: unknown): boolean {
	return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
