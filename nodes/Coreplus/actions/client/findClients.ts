import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readDirectory } from '../../helpers/directoryLists';
import { checkString } from '../../helpers/validation';
import { readClientIdentity } from './create.operation';
import { compareClient, missingIdentityFields, type ClientIdentity } from './matchClient';

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

const NOTHING_DONE =
	'Nothing was created. Run "npm run conformance" against this coreplus server and report the answer shape to the node maintainers.';

/** Find or Create would duplicate every returning patient from a list it cannot match against. */
function checkListShape(context: IExecuteFunctions, itemIndex: number, clients: IDataObject[]) {
	const missing = missingIdentityFields(clients);
	if (!missing.length) return;
	const received = [...new Set(clients.flatMap((client) => Object.keys(client)))];
	throw new NodeOperationError(
		context.getNode(),
		`coreplus' client list carries no ${missing.map((field) => `"${field}"`).join(', ')} (fields received: ${received.join(', ') || 'none'}), so clients cannot be matched by name and date of birth`,
		{ itemIndex, description: NOTHING_DONE },
	);
}

/** The clients matching the identity, from the client list read once per execution. */
export async function findClients(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
): Promise<IDataObject[]> {
	const clients = await readDirectory(context, 'clients', itemIndex);
	checkListShape(context, itemIndex, clients);
	const matches: IDataObject[] = [];
	for (const client of clients) {
		const verdict = compareClient(client, wanted);
		if (verdict === 'match') matches.push(client);
		if (verdict === 'unreadable') {
			throw new NodeOperationError(
				context.getNode(),
				`Client ${String(client.clientId)} is named ${wanted.firstName} ${wanted.lastName} but has a date of birth the node cannot read (${JSON.stringify(client.dateOfBirth)}), so it cannot tell whether this is the same person`,
				{
					itemIndex,
					description: `${NOTHING_DONE} To go on now, pick the client by ID.`,
				},
			);
		}
	}
	return matches;
}
