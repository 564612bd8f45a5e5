import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { asNodeError } from '../validation/errors';
import { cachedDirectory, readDirectory } from '../directory/directoryLists';
import { LISTS, readList } from '../../transport/endpoints';
import { announce, noticeFor } from '../output/notices';
import { readRequestOptions } from '../parameters/parameters';
import { checkString } from '../validation/validation';
import { readClientIdentity } from './clientFields';
import {
	compareClient,
	describeIdentity,
	missingIdentityFields,
	searchFragment,
	type ClientIdentity,
} from '../rules/matchClient';
import { mayBeIncomplete } from '../../transport/paginate';
import { clientKey, settle } from './unsettledCreates';

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

/** The rows of a client list matching the identity (a same-named row the node cannot date stops it). */
function matchingRows(
	context: IExecuteFunctions,
	itemIndex: number,
	clients: IDataObject[],
	wanted: ClientIdentity,
): IDataObject[] {
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

/**
 * coreplus' name search (`GET Client/?name=<fragment>`, the 2020 Flask client's autocomplete:
 * docs/coreplus-api.md#client-search), with email and mobile on the rows (`Field=`, the 2025 sync) so "Also
 * Match On" can tell people apart. It only narrows: it is asked for a fragment of the last name
 * that every spelling variant contains (an apostrophe, dash or space twin is never left out), the
 * full rule decides on its rows, and "nobody" from it is never believed. What coreplus matches
 * `name` against is undocumented. No fragment: nobody found here, the full list decides.
 */
async function searchByName(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
): Promise<IDataObject[]> {
	const fragment = searchFragment(wanted.lastName);
	if (!fragment) return [];
	try {
		return await readList(context, LISTS.client, {
			itemIndex,
			notice: noticeFor(context),
			query: { name: fragment, Field: ['email', 'phonenumbermobile'] },
			...readRequestOptions(context, itemIndex),
		});
	} catch (error) {
		// A server that refuses the parameters (400) is searched the long way: the full list.
		if (!(error instanceof NodeApiError) || String(error.httpCode) !== '400')
			throw asNodeError(context.getNode(), error, itemIndex);
		announce(
			context,
			`coreplus refused the client name search (${error.message}); the whole client list is read instead`,
		);
		return [];
	}
}

/**
 * The clients matching the identity. A list this execution already read answers at once;
 * otherwise coreplus' name search is asked first (a returning patient costs one request), and
 * only when it finds nobody is the whole client list read (once per execution) to confirm it, so a
 * server whose name filter means something else never makes Find or Create duplicate a patient.
 */
export async function findClients(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: ClientIdentity,
	options: { toCreate?: boolean } = {},
): Promise<IDataObject[]> {
	const cached = cachedDirectory(context, 'clients');
	if (!cached) {
		const found = matchingRows(
			context,
			itemIndex,
			await searchByName(context, itemIndex, wanted),
			wanted,
		);
		if (found.length) return settled(context, found, wanted);
	}
	const clients = await readDirectory(context, 'clients', itemIndex);
	const found = matchingRows(context, itemIndex, clients, wanted);
	if (!found.length && options.toCreate && mayBeIncomplete(clients))
		throw nobodyUnproven(context, itemIndex, wanted);
	return settled(context, found, wanted);
}

/** A list that kept changing while read cannot show that nobody matches: nothing is created. */
function nobodyUnproven(context: IExecuteFunctions, itemIndex: number, wanted: ClientIdentity) {
	return new NodeOperationError(
		context.getNode(),
		`The client list kept changing while it was read, so it cannot show that no client matches ${describeIdentity(wanted)}: nothing was created`,
		{
			itemIndex,
			description:
				'Someone was adding or removing clients in coreplus at that moment. Run it again in a moment (Retry On Fail does).',
		},
	);
}

/** A person found exists: an earlier create of theirs without an answer is settled. */
function settled(context: IExecuteFunctions, found: IDataObject[], wanted: ClientIdentity) {
	if (found.length) settle(clientKey(context, wanted));
	return found;
}
