import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDirectory } from '../../helpers/directoryLists';
import { checkString } from '../../helpers/validation';
import { readClientIdentity } from './create.operation';
import { clientMatchesIdentity, type ClientIdentity } from './matchClient';

/** "Also Match On": email and mobile, shared by Find and Find or Create. */
export const matchOptions: INodeProperties = {
	displayName: 'Also Match On',
	name: 'matchOptions',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description:
		"Extra details a matching client must share, checked only when coreplus' client list carries them",
	options: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'A client whose listed email differs is not a match',
		},
		{
			displayName: 'Mobile Phone',
			name: 'mobile',
			type: 'string',
			default: '',
			description: 'A client whose listed mobile differs (digits compared) is not a match',
		},
	],
};

/** The identity to look for, checked before any request. */
export function readWantedIdentity(context: IExecuteFunctions, itemIndex: number): ClientIdentity {
	const options = context.getNodeParameter('matchOptions', itemIndex, {}) as IDataObject;
	return {
		...readClientIdentity(context, itemIndex),
		email: checkString(context, itemIndex, options.email, {
			label: 'Also Match On → Email',
			maxLength: 50,
		}),
		mobile: checkString(context, itemIndex, options.mobile, {
			label: 'Also Match On → Mobile Phone',
			maxLength: 50,
		}),
	};
}

/** The clients matching the identity, from the client list read once per execution. */
export async function findClients(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
): Promise<IDataObject[]> {
	const clients = await readDirectory(context, 'clients', itemIndex);
	return clients.filter((client) => clientMatchesIdentity(client, wanted));
}
