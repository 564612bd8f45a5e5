import type { IExecuteFunctions } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { clientIdentityProperties } from '../../helpers/clients/clientFields';
import { settledDateOfBirth } from '../../helpers/clients/dateOfBirth';
import { findClients, matchOptions, readWantedIdentity } from '../../helpers/clients/findClients';
import { readSimplify, simplifiedClient, simplifyProperty } from '../../helpers/output/simplify';
import { requestOptions } from '../../helpers/parameters/parameters';

export const findClient: OperationDefinition = {
	value: 'find',
	name: 'Find',
	action: 'Find a client by name and date of birth',
	description:
		"Find clients with this first name, last name and date of birth (coreplus' own matching rule; case, apostrophe and dash variants and invisible characters ignored). Returns one item per matching client, none when nobody matches. coreplus' name search is asked first; 'nobody' is confirmed from the whole client list, read once per execution and shared by all items.",
	properties: [
		...clientIdentityProperties,
		matchOptions,
		simplifyProperty('client'),
		requestOptions,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const wanted = readWantedIdentity(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		wanted.dateOfBirth = await settledDateOfBirth(this, itemIndex, wanted.dateOfBirth);
		const matches = await findClients(this, itemIndex, wanted);
		if (!simplify) return matches;
		return await Promise.all(matches.map((client) => simplifiedClient(this, itemIndex, client)));
	},
};
