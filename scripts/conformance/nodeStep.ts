import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { coreplusNode } from '../../harness/helpers';
import { jsonOf, runWorkflow } from '../../harness/engine';
import type { CheckRow } from './checks';

/** A step's failure: the node's error text, and the HTTP status coreplus answered (if any). */
export class StepError extends Error {
	readonly httpCode?: string;

	constructor(message: string, httpCode: unknown) {
		super(message);
		if (httpCode !== undefined && httpCode !== null) this.httpCode = String(httpCode);
	}
}

/**
 * One Coreplus node run through n8n's engine; its items, or its error as a failure. The checks
 * read coreplus' own records, so Simplify is off unless a step asks for it.
 */
export async function step(
	credentials: ICredentialDataDecryptedObject,
	parameters: INode['parameters'],
	input?: Parameters<typeof runWorkflow>[0]['input'],
) {
	const result = await runWorkflow({
		nodes: [coreplusNode({ simplify: false, ...parameters })],
		credentials: { coreplusApi: credentials },
		input,
	});
	if (result.error)
		throw new StepError(
			`${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`,
			(result.error as { httpCode?: unknown }).httpCode,
		);
	const hints = result.run.data.resultData.runData.coreplus?.[0]?.hints ?? [];
	return { items: jsonOf(result.output('coreplus')), hints: hints.map((hint) => hint.message) };
}

export const row = (
	endpoint: string,
	outcome: { node: string; hints?: string[]; fails?: boolean },
): CheckRow => ({
	endpoint,
	status: '(via n8n)',
	keys: '-',
	verdict: outcome.fails ? 'FAILS' : outcome.hints?.length ? 'differs, adapted' : 'holds',
	node: outcome.hints?.length
		? `${outcome.node}; warns: ${outcome.hints.join(' / ')}`
		: outcome.node,
});
