import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requestOptions } from '../../helpers/parameters/parameters';
import type { OperationDefinition } from '../types';
import {
	clientDetailProperties,
	clientIdentityProperties,
	readClientBody,
} from '../../helpers/clients/clientFields';
import { createOnce } from '../../helpers/clients/createOnce';
import { settledDateOfBirth } from '../../helpers/clients/dateOfBirth';
import { findClients, matchOptions, readWantedIdentity } from '../../helpers/clients/findClients';
import { describeIdentity } from '../../helpers/rules/matchClient';
import { readSimplify, simplifiedClient, simplifyProperty } from '../../helpers/output/simplify';

export const findOrCreateClient: OperationDefinition = {
	value: 'findOrCreate',
	name: 'Find or Create',
	action: 'Find or create a client',
	description:
		"Return the client with this first name, last name and date of birth, creating it only when none exists; `outcome` says 'matched' or 'created'. Two matching clients are an error naming both IDs, never a guess. coreplus' name search is asked first; a client is created only after the whole client list (read once per execution) shows nobody matching, and clients created by earlier items are matched by later ones.",
	properties: [
		...clientIdentityProperties,
		matchOptions,
		...clientDetailProperties,
		simplifyProperty('client'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		// Every check (identity, additional fields, addresses) before the first request.
		const wanted = readWantedIdentity(this, itemIndex);
		const body = readClientBody(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const output = async (client: IDataObject, tolerant: boolean) =>
			simplify ? await simplifiedClient(this, itemIndex, client, tolerant) : client;
		wanted.dateOfBirth = await settledDateOfBirth(this, itemIndex, wanted.dateOfBirth);
		body.dateOfBirth = wanted.dateOfBirth;
		const matches = await findClients(this, itemIndex, wanted, { toCreate: true });
		if (matches.length > 1) {
			const ids = matches.map((client) => String(client.clientId));
			throw new NodeOperationError(
				this.getNode(),
				`${matches.length} clients match ${describeIdentity(wanted)}: ${ids.join(', ')}`,
				{
					itemIndex,
					description:
						'coreplus holds duplicates of this person. Merge them in coreplus, or pick one client by ID (Client → Get Many or the client picker) instead of Find or Create.',
				},
			);
		}
		if (matches.length === 1) return { ...(await output(matches[0], false)), outcome: 'matched' };
		const { row, recoveredAfterLostResponse } = await createOnce(this, itemIndex, body, wanted);
		return {
			...(await output(row, true)),
			outcome: 'created',
			...(recoveredAfterLostResponse ? { recoveredAfterLostResponse } : {}),
		};
	},
};
