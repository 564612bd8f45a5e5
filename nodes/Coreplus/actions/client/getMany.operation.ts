import type { IDataObject } from 'n8n-workflow';

import { normalizeCoreplusDateTime } from '../../helpers/rules/dates';
import { LISTS } from '../../transport/endpoints';
import { listOperation } from '../listOperation';
import { simplifiedClient } from '../../helpers/output/simplify';

/** coreplus sends dates of birth as "1972-07-02T00:00:00"; `dateOfBirthIso` is the plain date. */
export function withIsoDateOfBirth(client: IDataObject): IDataObject {
	const normalized = normalizeCoreplusDateTime(client.dateOfBirth);
	return normalized ? { ...client, dateOfBirthIso: normalized.slice(0, 10) } : client;
}

// GET Client/ documents paging only (its "Additional Parameter" section was not recoverable), so
// no filters are offered. Needs the VIEW_CLIENTLIST permission.
export const getManyClients = listOperation({
	noun: 'clients',
	description: "List the practice's clients, one item per client",
	list: LISTS.client,
	mapRow: withIsoDateOfBirth,
	simplify: { what: 'client', row: simplifiedClient },
});
