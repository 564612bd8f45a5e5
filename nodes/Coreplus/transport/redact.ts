import type { CoreplusCredentials } from './credentials';

/**
 * Removes secrets and signed tokens from any text that may reach the user (errors, hints, the
 * credential test). A server or proxy may echo what it received in any encoding, so each secret is
 * matched character by character in every form a character can take on the way back:
 * as is (any case: a proxy upper-cases a GUID), JSON-escaped (`\"`, `\\`, `\u002B`, also escaped
 * twice), URL- or form-encoded (`%2b` or `%2B`, `+` for a space); and as base64/base64url at any
 * alignment (inside a longer encoded value). Signed tokens go whole or by segment (`eyJ` is the
 * base64url of `{"`, which every JWT header and payload starts with).
 */
export function redactSecrets(text: string, credentials?: Partial<CoreplusCredentials>): string {
	let clean = text
		.replace(JWT_PATTERN, '[redacted token]')
		.replace(JWT_SEGMENT_PATTERN, '[redacted token]')
		.replace(/JwToken\s+\S+/g, 'JwToken [redacted]');
	for (const secret of [credentials?.consumerSecret, credentials?.accessToken]) {
		if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
		clean = clean.replace(secretPattern(secret), '[redacted]');
	}
	return clean;
}

const JWT_PATTERN = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// A header or payload segment alone (base64url JSON); shorter runs are too likely to be words.
const JWT_SEGMENT_PATTERN = /eyJ[\w-]{12,}={0,2}/g;
// Shorter values would redact ordinary words; the credential's fields are far longer in practice.
const MIN_SECRET_LENGTH = 4;

/** One pattern for every form of `secret`, cached per secret (it is rebuilt only when the credential changes). */
function secretPattern(secret: string): RegExp {
	let pattern = patterns.get(secret);
	if (!pattern) {
		const base64 = base64Forms(secret).sort((a, b) => b.length - a.length);
		const sources = [charByCharSource(secret), ...base64.map(escapeRegExp)];
		pattern = new RegExp(sources.join('|'), 'gi');
		if (patterns.size >= MAX_CACHED_PATTERNS) patterns.delete(patterns.keys().next().value!);
		patterns.set(secret, pattern);
	}
	pattern.lastIndex = 0;
	return pattern;
}

// Bounded like the signing keys: a process serves a handful of credentials.
const patterns = new Map<string, RegExp>();
const MAX_CACHED_PATTERNS = 16;

/** The secret as a sequence of characters, each in any of its echoed forms. */
function charByCharSource(secret: string): string {
	return Array.from(secret, (char) => `(?:${charForms(char).join('|')})`).join('');
}

function charForms(char: string): string[] {
	const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
	const unicodeEscape = Array.from({ length: char.length }, (_, i) =>
		escapeRegExp(`\\u${hex(char.charCodeAt(i), 4)}`),
	).join('');
	const percent = Array.from(Buffer.from(char, 'utf8'), (byte) => `%${hex(byte, 2)}`).join('');
	// Any number of backslashes before a character: JSON escapes it once (`\"`), twice (`\\\"`).
	const forms = [`\\\\*${escapeRegExp(char)}`, `\\\\*${unicodeEscape}`, percent];
	if (char === ' ') forms.push('\\+');
	return forms;
}

/**
 * base64 and base64url of the secret's bytes at each of the three alignments it can have inside a
 * longer encoded value, keeping only the characters that depend on the secret alone.
 */
function base64Forms(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const forms = new Set<string>();
	for (let lead = 0; lead < 3; lead++) {
		const shifted = Buffer.concat([Buffer.alloc(lead), bytes]);
		const first = Math.ceil((lead * 8) / 6);
		const last = Math.floor(((lead + bytes.length) * 8) / 6);
		for (const encoding of ['base64', 'base64url'] as const) {
			const form = shifted.toString(encoding).slice(first, last);
			if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
		}
	}
	return [...forms];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
