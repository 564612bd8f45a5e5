import type { INodeProperties } from 'n8n-workflow';

import { clientPicker, practitionerPicker } from '../../helpers/parameters/pickers';
import { GENDERS, MARITAL_STATUSES } from '../../helpers/message/messageData';
import { binaryFileProperties, fileNamesOption } from '../../helpers/parameters/binaryFiles';

const addressFields: INodeProperties[] = [
	{
		displayName: 'Address Line',
		name: 'addressLine',
		type: 'string',
		default: '',
		placeholder: '33 Practice Lane',
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'Australia',
	},
	{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '', placeholder: 'NSW' },
	{ displayName: 'Suburb', name: 'suburb', type: 'string', default: '' },
];

const codedOptions = (codes: Record<string, string>) =>
	Object.entries(codes).map(([code, word]) => ({
		name: word,
		value: word,
		description: `Sent as "${word}" (code ${code})`,
	}));

const clientChosen = { show: { clientMatch: ['id', 'nameAndDateOfBirth'] } };

/** Parameters of Message → Send, in the order the editor shows them. */
export const sendMessageProperties: INodeProperties[] = [
	...binaryFileProperties('send'),
	{
		displayName: 'Sending Facility',
		name: 'sendingFacility',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Referral inbox',
		description:
			'Name of the sending system or organisation, shown in coreplus as where the message came from (Header.SendingFacility)',
	},
	{
		displayName: 'Match Client',
		name: 'clientMatch',
		type: 'options',
		default: 'none',
		description: 'The client the files are about; coreplus files them against a matching client',
		options: [
			{ name: 'None', value: 'none', description: 'Send without a client' },
			{ name: 'By ID', value: 'id', description: 'Matched when the ID is a valid client ID' },
			{
				name: 'By Name and Date of Birth',
				value: 'nameAndDateOfBirth',
				description: 'Matched when a client has the same name and date of birth',
			},
		],
	},
	{
		...clientPicker({ description: 'The client the files are about' }),
		displayOptions: { show: { clientMatch: ['id'] } },
	},
	{
		displayName: 'Client First Name',
		name: 'clientFirstName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { clientMatch: ['nameAndDateOfBirth'] } },
	},
	{
		displayName: 'Client Surname',
		name: 'clientSurname',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { clientMatch: ['nameAndDateOfBirth'] } },
	},
	{
		displayName: 'Client Date of Birth',
		name: 'clientDateOfBirth',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { clientMatch: ['nameAndDateOfBirth'] } },
		description: 'Sent as yyyy-mm-dd; coreplus needs it to match a client by name',
	},
	{
		displayName: 'Client Details',
		name: 'clientDetails',
		type: 'collection',
		placeholder: 'Add Client Detail',
		default: {},
		displayOptions: clientChosen,
		options: [
			...addressFields,
			{ displayName: 'Business Phone', name: 'businessPhone', type: 'string', default: '' },
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				default: 'Unknown',
				options: codedOptions(GENDERS),
			},
			{ displayName: 'Home Phone', name: 'homePhone', type: 'string', default: '' },
			{
				displayName: 'Marital Status',
				name: 'maritalStatus',
				type: 'options',
				default: 'Unknown',
				options: codedOptions(MARITAL_STATUSES),
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'Mr' },
		],
	},
	{
		displayName: 'Practitioner From (Referrer)',
		name: 'practitionerFrom',
		type: 'collection',
		placeholder: 'Add Referrer Detail',
		default: {},
		description:
			'The referring practitioner; coreplus matches a referrer with the same name and provider number',
		options: [
			...addressFields,
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				default: '',
				description:
					"The referrer's ID in coreplus, when known; sent beside the name and provider number",
			},
			{
				displayName: 'Provider Number',
				name: 'providerNumber',
				type: 'string',
				default: '',
				placeholder: '2000000A',
			},
			{ displayName: 'Surname', name: 'surname', type: 'string', default: '' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'Dr' },
		],
	},
	{
		displayName: 'Match Practitioner To',
		name: 'practitionerToMatch',
		type: 'options',
		default: 'none',
		description: 'The coreplus user who receives the message',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'By ID', value: 'id', description: 'Matched when the ID is a valid practitioner ID' },
			{ name: 'By Name', value: 'name', description: 'Matched when a user has the same name' },
		],
	},
	{
		...practitionerPicker({
			name: 'practitionerToId',
			displayName: 'Practitioner To',
			required: true,
			description: 'The coreplus user who receives the message',
		}),
		displayOptions: { show: { practitionerToMatch: ['id'] } },
	},
	{
		displayName: 'Practitioner To First Name',
		name: 'practitionerToFirstName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { practitionerToMatch: ['name'] } },
	},
	{
		displayName: 'Practitioner To Surname',
		name: 'practitionerToSurname',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { practitionerToMatch: ['name'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [fileNamesOption],
	},
];
