import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	clientDetailProperties,
	clientIdentityProperties,
	readClientBody,
} from '../../helpers/clients/clientFields';
import { identityOfBody, sendCreateClient } from '../../helpers/clients/sendCreateClient';
import { recoverUnsettled } from '../../helpers/clients/createOnce';
import { settledDateOfBirth } from '../../helpers/clients/dateOfBirth';
import { createdOrMadeIdUnknown } from '../../helpers/output/madeIdUnknown';
import { requestOptions } from '../../helpers/parameters/parameters';
import type { OperationDefinition } from '../types';

const properties: INodeProperties[] = [
	...clientIdentityProperties,
	...clientDetailProperties,
	requestOptions,
];

export const createClient: OperationDefinition = {
	value: 'create',
	name: 'Create',
	action: 'Create a client',
	description: 'Add a client to coreplus',
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = readClientBody(this, itemIndex);
		body.dateOfBirth = await settledDateOfBirth(this, itemIndex, String(body.dateOfBirth));
		// After a create of this person that got no answer: the client it made, or "outcome unknown".
		const recovered = await recoverUnsettled(this, itemIndex, identityOfBody(body));
		if (recovered) return { ...recovered, recoveredAfterLostResponse: true };
		return await createdOrMadeIdUnknown(
			this,
			itemIndex,
			{
				idField: 'clientId',
				check: `the client ${String(body.firstName)} ${String(body.lastName)} (born ${String(body.dateOfBirth)}) was accepted; find the client in coreplus (or with Client → Find) before creating it again`,
			},
			async () => await sendCreateClient(this, itemIndex, body),
		);
	},
};
