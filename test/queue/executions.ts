/* What n8n recorded in the shared database about the executions: statuses, and why the failed ones failed. */
import { sql, type Databases } from './services';

export interface ExecutionRecords {
	total: number;
	succeeded: number;
	byStatus: string;
	/** Distinct error texts of the failed executions, with how many executions showed each. */
	failureReasons: string[];
}

export function executionRecords(
	postgres: Databases['postgres'],
	workflowId: string,
): ExecutionRecords {
	// The id is the runner's own constant (workload.ts), never outside input.
	const statuses = sql(
		postgres,
		`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${workflowId}' GROUP BY status ORDER BY status`,
	);
	const total = statuses.reduce((sum, [, n]) => sum + Number(n), 0);
	// Run data is stored in n8n's "flatted" form, where every string is a separate JSON string: the
	// failing node's error message is one of them (coreplus errors name the HTTP status).
	const messages = sql(
		postgres,
		`SELECT coalesce(substring(d.data from '"([^"\\\\]{0,200}HTTP [0-9]{3}[^"\\\\]{0,200})"'), '-')
		 FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id
		 WHERE e.status <> 'success' AND e."workflowId" = '${workflowId}'`,
	).map(([message]) => (message === '-' ? '(no error text with an HTTP status found)' : message));
	const counted = new Map<string, number>();
	for (const message of messages) counted.set(message, (counted.get(message) ?? 0) + 1);
	return {
		total,
		succeeded: Number(statuses.find(([s]) => s === 'success')?.[1] ?? 0),
		byStatus: statuses.map(([s, n]) => `${s} ${n}`).join(', ') || 'none',
		failureReasons: [...counted].map(([message, n]) => `${n} failed execution(s): ${message}`),
	};
}
