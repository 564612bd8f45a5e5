import jwt from 'jsonwebtoken';

import type { EmulatorConsumer, Permission } from './consumers';

export const MANDATORY_CLAIMS = [
	'iss',
	'aud',
	'nbf',
	'exp',
	'consumerId',
	'accessToken',
	'url',
	'httpMethod',
] as const;
export const CLOCK_SKEW_SECONDS = 30;
export const MAX_LIFETIME_SECONDS = 60;

export interface VerifiedCaller {
	consumer: EmulatorConsumer;
	permissions: readonly Permission[];
	claims: Record<string, unknown>;
}

export type Verification = { ok: true; caller: VerifiedCaller } | { ok: false; reason: string };

/**
 * Checks one request's token as coreplus documents it: `JwToken <jwt>`, HS256 signed with the
 * consumer secret, every claim present, a short valid window, and bound to this exact URL and method.
 */
export function verifyRequest(
	authorization: string | undefined,
	receivedUrl: string,
	method: string,
	consumers: EmulatorConsumer[],
	nowSeconds = Math.floor(Date.now() / 1000),
): Verification {
	const fail = (reason: string): Verification => ({
		ok: false,
		reason: `Invalid token: ${reason}`,
	});
	if (!authorization) return fail('missing Authorization header');
	const match = /^JwToken (\S+)$/.exec(authorization);
	if (!match) return fail('Authorization must be "JwToken" followed by one space and the token');
	const token = match[1];

	const decoded = jwt.decode(token, { complete: true });
	if (!decoded || typeof decoded.payload !== 'object') return fail('token is not a JWT');
	if (decoded.header.alg !== 'HS256') return fail('only HS256 signed tokens are accepted');
	const claims = decoded.payload as Record<string, unknown>;
	const absent = MANDATORY_CLAIMS.filter(
		(name) => claims[name] === undefined || claims[name] === '',
	);
	if (absent.length) return fail(`missing claim(s) ${absent.join(', ')}`);

	const consumer = consumers.find((c) => c.consumerId === claims.consumerId);
	if (!consumer) return fail('unknown consumer');
	try {
		jwt.verify(token, consumer.consumerSecret, {
			algorithms: ['HS256'],
			ignoreExpiration: true,
			ignoreNotBefore: true,
		});
	} catch {
		return fail('signature verification failed');
	}

	const { nbf, exp } = claims;
	if (typeof nbf !== 'number' || typeof exp !== 'number')
		return fail('nbf and exp must be UTC Unix seconds');
	if (nbf > nowSeconds + CLOCK_SKEW_SECONDS)
		return fail('token not yet valid (nbf in the future: check the clock)');
	if (exp <= nowSeconds - CLOCK_SKEW_SECONDS) return fail('token expired (check the clock)');
	if (exp - nbf > MAX_LIFETIME_SECONDS)
		return fail(`token lifetime over ${MAX_LIFETIME_SECONDS} seconds`);
	if (claims.url !== receivedUrl) return fail('url claim does not match the requested URL');
	if (claims.httpMethod !== method)
		return fail('httpMethod claim does not match the request method');

	const permissions = consumer.accessTokens[String(claims.accessToken)];
	if (!permissions) return fail('unknown access token');
	return { ok: true, caller: { consumer, permissions, claims } };
}
