import { createHash } from 'node:crypto';

/** The first `length` characters of a text's SHA-256, base64url (6 bits a character). */
export function shortDigest(text: string, length: number): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

export const CLIENT_HASH_CHARS = 7;

/** 42 bits: a new client is mistaken for a known one with odds of 1 in 40 million at 100,000 clients. */
export function clientHash(id: string): string {
	return shortDigest(id, CLIENT_HASH_CHARS);
}
