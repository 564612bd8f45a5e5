import type { IDataObject } from 'n8n-workflow';

/** Texts from coreplus' FAQ that tell the user what to do about a failure. */
const HINTS = {
	permission:
		'Tick the permission for this endpoint in your application details in coreplus, then disable and re-enable the add-on (Settings > Add ons): permission changes only take effect after re-enabling.',
	token:
		'Check the Consumer ID, Consumer Secret and Access Token, and that they belong to the same environment as the API URL (sandbox credentials do not work against a production URL). Also make sure the clock of the n8n server is in sync (NTP): tokens are valid for 60 seconds only.',
	rateLimit:
		'coreplus allows 10 requests per second per application. Reduce parallel workflows or try again shortly.',
	notFound:
		'The record or endpoint was not found. Some endpoints are enabled only on request by coreplus support; check the API version in the credential too.',
} as const;

/** coreplus error bodies look like {"result":[{"severity":2,"reason":"..."}]}. */
function reasonsFrom(body: unknown): string[] {
	if (typeof body === 'string') {
		try {
			return reasonsFrom(JSON.parse(body));
		} catch {
			return body.trim() && body.length < 300 ? [body.trim()] : [];
		}
	}
	if (typeof body !== 'object' || body === null) return [];
	const envelope = body as IDataObject;
	const entries = [
		...(Array.isArray(envelope.result) ? envelope.result : []),
		...(Array.isArray(envelope.statusMessages) ? envelope.statusMessages : []),
	] as IDataObject[];
	const reasons = entries
		.map((entry) => (typeof entry === 'string' ? entry : (entry?.reason ?? entry?.message)))
		.filter((reason): reason is string => typeof reason === 'string' && reason.length > 0);
	if (!reasons.length && typeof envelope.message === 'string') reasons.push(envelope.message);
	return reasons;
}

function hintFor(status: number, reasons: string[]): string | undefined {
	const text = reasons.join(' ').toLowerCase();
	if (text.includes('not authorized for')) return HINTS.permission;
	if (status === 401 || status === 403 || text.includes('invalid token')) return HINTS.token;
	if (status === 429) return HINTS.rateLimit;
	if (status === 404) return HINTS.notFound;
	return undefined;
}

export interface FailureSummary {
	message: string;
	description?: string;
}

/** One readable sentence for a failed coreplus answer, with coreplus' own reason text. */
export function describeFailure(status: number, body: unknown, what: string): FailureSummary {
	const reasons = reasonsFrom(body);
	const reasonText = reasons.length ? reasons.join('; ') : `HTTP ${status}`;
	return {
		message: `coreplus refused ${what} (HTTP ${status}): ${reasonText}`,
		description: hintFor(status, reasons),
	};
}
