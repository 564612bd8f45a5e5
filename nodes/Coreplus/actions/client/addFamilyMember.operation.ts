import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createdOrMadeIdUnknown } from '../../helpers/output/madeIdUnknown';
import { sendFamilyMember } from '../../helpers/clients/sendFamilyMember';
import { additionalFields, requestOptions } from '../../helpers/parameters/parameters';
import { clientPicker, readPickedId } from '../../helpers/parameters/pickers';
import {
	atMost,
	checkBoolean,
	checkOption,
	checkString,
	readString,
	toCoreplusDate,
} from '../../helpers/validation/validation';
import type { OperationDefinition } from '../types';
import {
	asOptions,
	FAMILY_RELATIONSHIPS,
	FAMILY_TITLES,
} from '../../helpers/parameters/clientChoices';

// POST ClientFamily/ (developers.coreplus.com.au/api/api-end-points/client-family/create-client-family-post/).
// `clientId` is documented as "Object containing Id" but the example sends a plain string, as here.
const TEXT_FIELDS: Array<{
	name: string;
	displayName: string;
	maxLength?: number;
	description?: string;
}> = [
	{ name: 'address', displayName: 'Street Address' },
	{ name: 'email', displayName: 'Email' },
	{ name: 'homePhone', displayName: 'Home Phone' },
	{ name: 'medicareCardIRN', displayName: 'Medicare Card IRN', maxLength: 1 },
	{ name: 'medicareCardNumber', displayName: 'Medicare Card Number', maxLength: 20 },
	{ name: 'mobile', displayName: 'Mobile Phone' },
	{ name: 'notes', displayName: 'Notes', maxLength: 300 },
	{ name: 'postcode', displayName: 'Postcode' },
	{ name: 'suburb', displayName: 'Suburb' },
	{ name: 'workPhone', displayName: 'Work Phone' },
];

const FLAGS: Array<{ name: string; displayName: string; description: string }> = [
	{
		name: 'emergencyContact',
		displayName: 'Emergency Contact',
		description:
			"Whether this person is the client's emergency contact (coreplus allows one per client)",
	},
	{
		name: 'invoiceRecipient',
		displayName: 'Invoice Recipient',
		description: "Whether this person receives the client's invoices (one per client)",
	},
	{
		name: 'mainContact',
		displayName: 'Main Contact',
		description: 'Whether this person is the main contact used by letter-writer placeholders',
	},
];

const properties: INodeProperties[] = [
	clientPicker({ description: 'The client this family member belongs to' }),
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true },
	{ displayName: 'Surname', name: 'surname', type: 'string', default: '', required: true },
	{
		displayName: 'Relationship',
		name: 'relationship',
		type: 'options',
		options: [{ name: '(Not Set)', value: '' }, ...asOptions(FAMILY_RELATIONSHIPS)],
		default: '',
		description:
			'How this person is related to the client. coreplus suggests these; use an expression for any other text.',
	},
	additionalFields(
		[
			{
				displayName: 'Date of Birth',
				name: 'dateOfBirth',
				type: 'dateTime',
				default: '',
			} as INodeProperties,
			{
				displayName: 'Title',
				name: 'title',
				type: 'options',
				options: asOptions(FAMILY_TITLES),
				default: '',
			} as INodeProperties,
			...TEXT_FIELDS.map(({ name, displayName, maxLength }): INodeProperties => ({
				displayName,
				name,
				type: 'string',
				default: '',
				...(maxLength ? { description: atMost(maxLength) } : {}),
				...(name === 'email' ? { placeholder: 'name@email.com' } : {}),
			})),
			...FLAGS.map(({ name, displayName, description }): INodeProperties => ({
				displayName,
				name,
				type: 'boolean',
				default: false,
				description,
			})),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	),
	requestOptions,
];

function readAdditionalFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const title = checkOption(context, itemIndex, fields.title, FAMILY_TITLES, 'Title');
	if (title) body.title = title;
	if (fields.dateOfBirth)
		body.dateOfBirth = toCoreplusDate(context, itemIndex, fields.dateOfBirth, 'Date of Birth');
	for (const { name, displayName, maxLength } of TEXT_FIELDS) {
		const value = checkString(context, itemIndex, fields[name], { label: displayName, maxLength });
		if (value !== undefined) body[name] = value;
	}
	for (const { name, displayName } of FLAGS) {
		const value = checkBoolean(context, itemIndex, fields[name], displayName);
		if (value !== undefined) body[name] = value;
	}
	return body;
}

export const addFamilyMember: OperationDefinition = {
	value: 'addFamilyMember',
	name: 'Add Family Member',
	action: 'Add a family member to a client',
	description:
		'Add a family member or contact (e.g. parent, partner, emergency contact) to a client',
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body: IDataObject = {
			clientId: readPickedId(this, 'clientId', itemIndex, 'Client'),
			firstName: readString(this, 'firstName', itemIndex, { label: 'First Name', required: true }),
			surname: readString(this, 'surname', itemIndex, { label: 'Surname', required: true }),
		};
		// Free text: the documented list is a set of suggestions.
		const relationship = readString(this, 'relationship', itemIndex, { label: 'Relationship' });
		if (relationship) body.relationship = relationship;
		Object.assign(body, readAdditionalFields(this, itemIndex));
		const check = `the family member ${String(body.firstName)} ${String(body.surname)} of client ${String(body.clientId)} was accepted; look at the client's family in coreplus before adding it again`;
		return await createdOrMadeIdUnknown(
			this,
			itemIndex,
			{ idField: 'familyId', check },
			async () => await sendFamilyMember(this, itemIndex, body),
		);
	},
};
