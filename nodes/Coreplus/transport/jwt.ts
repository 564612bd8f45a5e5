import { createSecretKey, type KeyObject } from 'node:crypto';

import jwt from 'jsonwebtoken';

import type { CoreplusCredentials } from './credentials';

/** Token lifetime recommended by coreplus ("1 minute past the issued time"). */
export const TOKEN_LIFETIME_SECONDS = 60;

/**
 * The HS256 token coreplus expects on every request, bound to one URL and one method.
 * `nowSeconds` is the server's clock (see clock.ts), so a drifting host clock does not matter.
 */
export function signToken(
	credentials: CoreplusCredentials,
	url: string,
	method: string,
	nowSeconds: number,
): string {
	const claims = {
		iss: credentials.issuer,
		aud: credentials.audience,
		nbf: nowSeconds,
		exp: nowSeconds + TOKEN_LIFETIME_SECONDS,
		consumerId: credentials.consumerId,
		accessToken: credentials.accessToken,
		url,
		httpMethod: method.toUpperCase(),
	};
	return jwt.sign(claims, signingKey(credentials.consumerSecret), {
		algorithm: 'HS256',
		noTimestamp: true,
	});
}

// jsonwebtoken turns a string secret into a key object on every call (~0.35 ms, measured by
// `npm run bench`); reusing the key object makes a token cost a few microseconds.
const signingKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 16;

function signingKey(secret: string): KeyObject {
	let key = signingKeys.get(secret);
	if (!key) {
		if (signingKeys.size >= MAX_CACHED_KEYS) signingKeys.delete(signingKeys.keys().next().value!);
		// The secret is used exactly as given (coreplus does not base64-decode it).
		key = createSecretKey(Buffer.from(secret, 'utf8'));
		signingKeys.set(secret, key);
	}
	return key;
}
