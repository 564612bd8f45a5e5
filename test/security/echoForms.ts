import type { RecordedRequest } from '../../emulator/server';

/**
 * Every form in which a server or a proxy could echo a secret or a signed token back,
 * for the secret scan. Each returns the text the emulator puts in its reason.
 */
type Echo = (value: string) => string;

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;

/** .NET's System.Text.Json (coreplus is a .NET API) escapes `"`, `+`, `&`, `'`, `<`, `>` and non-ASCII as \uXXXX. */
const dotnetJson: Echo = (value) =>
	Array.from(value, (char) =>
		/["+&'<>]|[^\x20-\x7e]/.test(char)
			? Array.from({ length: char.length }, (_, i) => hex4(char.charCodeAt(i))).join('')
			: char === '\\'
				? '\\\\'
				: char,
	).join('');

export const SECRET_ECHOES: Array<[string, Echo]> = [
	['JSON-escaped', (value) => JSON.stringify(value).slice(1, -1)],
	['JSON-escaped twice', (value) => JSON.stringify(JSON.stringify(value)).slice(1, -1)],
	['as .NET JSON escapes it (\\u002B)', dotnetJson],
	[
		'every character \\u-escaped',
		(value) => Array.from(value, (c) => hex4(c.charCodeAt(0))).join(''),
	],
	['form-encoded (+ for space)', (value) => new URLSearchParams({ v: value }).toString().slice(2)],
	[
		'URL-encoded in lower case',
		(value) => encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
	],
	['in base64', (value) => Buffer.from(value).toString('base64')],
	['in base64url', (value) => Buffer.from(value).toString('base64url')],
	// Inside a longer base64 value, at another alignment (only the middle depends on the secret alone).
	['inside a longer base64 value', (value) => Buffer.from(`x${value}`).toString('base64')],
];

const segment = (index: number) => (request: RecordedRequest) =>
	String(request.token ?? '').split('.')[index];

export const TOKEN_ECHOES: Array<[string, (request: RecordedRequest) => string]> = [
	['the token', (request) => String(request.token)],
	['the token payload segment alone', segment(1)],
	['the token header segment alone', segment(0)],
	[
		'the token JSON-escaped with its scheme',
		(request) => JSON.stringify(`JwToken ${request.token}`),
	],
];

/** What must not appear of an echoed value: all of it, less the edges a longer base64 value shares with its neighbours. */
export function telltale(echoed: string, name: string): string {
	return name.startsWith('inside') ? echoed.slice(4, -4) : echoed;
}
