/** An error answer in coreplus' documented shape: {"result":[{"severity":2,"reason":"..."}]}. */
export class EmulatorHttpError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string,
	) {
		super(reason);
	}
}

export function errorBody(reason: string) {
	return { result: [{ severity: 2, reason }] };
}
