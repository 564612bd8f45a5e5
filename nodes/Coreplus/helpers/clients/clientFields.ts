import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../parameters/parameters';
import {
	atMost,
	checkBoolean,
	checkOption,
	checkString,
	readString,
	toCoreplusDate,
} from '../validation/validation';
import {
	asOptions,
	CLIENT_GENDERS,
	CLIENT_PRONOUNS,
	CLIENT_STATUSES,
	CLIENT_TITLES,
} from '../parameters/clientChoices';

// Fields, names and lengths from developers.coreplus.com.au/api/api-end-points/client/create-client-post/.
// `ExternalId` and `Status` are documented with a capital letter; the email field's name was
// blank in the reference and is sent as `email`, as the client family answer spells it.
interface TextField {
	/** Parameter name in "Additional Fields". */
	name: string;
	displayName: string;
	/** Field name in the request body. */
	apiName: string;
	maxLength?: number;
	description?: string;
	placeholder?: string;
}

const TEXT_FIELDS: TextField[] = [
	{ name: 'culture', displayName: 'Culture', apiName: 'culture', maxLength: 20 },
	{
		name: 'dvaCardNumber',
		displayName: 'DVA Card Number',
		apiName: 'dvaCardNumber',
		maxLength: 20,
	},
	{
		name: 'email',
		displayName: 'Email',
		apiName: 'email',
		maxLength: 50,
		placeholder: 'name@email.com',
	},
	{
		name: 'externalId',
		displayName: 'External ID',
		apiName: 'ExternalId',
		description: "The client's ID in another system",
	},
	{
		name: 'medicareCardIrn',
		displayName: 'Medicare Card IRN',
		apiName: 'medicareCardIRN',
		maxLength: 1,
		description: 'Individual reference number (one digit)',
	},
	{
		name: 'medicareCardNumber',
		displayName: 'Medicare Card Number',
		apiName: 'medicareCardNumber',
		maxLength: 20,
	},
	{ name: 'middleName', displayName: 'Middle Name', apiName: 'middleName' },
	{ name: 'notes1', displayName: 'Patient Overview Notes', apiName: 'notes1', maxLength: 300 },
	{ name: 'phoneNumberHome', displayName: 'Home Phone', apiName: 'phoneNumberHome', maxLength: 50 },
	{
		name: 'phoneNumberMobile',
		displayName: 'Mobile Phone',
		apiName: 'phoneNumberMobile',
		maxLength: 50,
	},
	{ name: 'phoneNumberWork', displayName: 'Work Phone', apiName: 'phoneNumberWork', maxLength: 50 },
	{ name: 'preferredName', displayName: 'Preferred Name', apiName: 'preferredName' },
];

interface ChoiceField {
	name: string;
	displayName: string;
	apiName: string;
	options: Array<{ name: string; value: string }>;
}

const CHOICE_FIELDS: ChoiceField[] = [
	{ name: 'gender', displayName: 'Gender', apiName: 'gender', options: asOptions(CLIENT_GENDERS) },
	{ name: 'pronouns', displayName: 'Pronouns', apiName: 'pronouns', options: [...CLIENT_PRONOUNS] },
	{ name: 'status', displayName: 'Status', apiName: 'Status', options: asOptions(CLIENT_STATUSES) },
	{ name: 'title', displayName: 'Title', apiName: 'title', options: asOptions(CLIENT_TITLES) },
];

const ADDRESS_FIELDS: INodeProperties[] = [
	{ displayName: 'Street Address', name: 'streetAddress', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '', placeholder: 'e.g. NSW' },
	{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '' },
];

const ADDRESSES: Array<{ name: string; displayName: string; apiName: string }> = [
	{ name: 'residential', displayName: 'Residential Address', apiName: 'addressResidential' },
	{ name: 'postal', displayName: 'Postal Address', apiName: 'addressPostal' },
];

/** First name, last name and date of birth: what coreplus requires, and what it matches clients on. */
export const clientIdentityProperties: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true },
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'A date (only the calendar date is used), e.g. 1996-04-29',
	},
];

/** Create's optional fields and addresses (also taken by Find or Create). */
export const clientDetailProperties: INodeProperties[] = [
	additionalFields(
		[
			...CHOICE_FIELDS.map(({ name, displayName, options }): INodeProperties => ({
				displayName,
				name,
				type: 'options',
				options,
				default: '',
			})),
			...TEXT_FIELDS.map(
				({ name, displayName, description, placeholder, maxLength }): INodeProperties => ({
					displayName,
					name,
					type: 'string',
					default: '',
					description:
						[description, maxLength ? atMost(maxLength) : undefined].filter(Boolean).join('. ') ||
						undefined,
					...(placeholder ? { placeholder } : {}),
					...(name === 'notes1' ? { typeOptions: { rows: 3 } } : {}),
				}),
			),
			{
				displayName: 'Medicare Card Expiry Date',
				name: 'medicareCardExpireDate',
				type: 'dateTime',
				default: '',
			} as INodeProperties,
			{
				displayName: 'Postal Same as Residential',
				name: 'postalSameAsResidential',
				type: 'boolean',
				default: false,
				description: 'Whether the postal address is the residential address',
			} as INodeProperties,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	),
	{
		displayName: 'Addresses',
		name: 'addresses',
		type: 'fixedCollection',
		placeholder: 'Add Address',
		default: {},
		options: ADDRESSES.map(({ name, displayName }) => ({
			name,
			displayName,
			values: ADDRESS_FIELDS,
		})),
	},
];

function readAddresses(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const addresses = context.getNodeParameter('addresses', itemIndex, {}) as Record<
		string,
		IDataObject | undefined
	>;
	const body: IDataObject = {};
	for (const { name, displayName, apiName } of ADDRESSES) {
		const given = addresses[name];
		if (!given) continue;
		const address: IDataObject = {};
		for (const field of ADDRESS_FIELDS) {
			const value = checkString(context, itemIndex, given[field.name], {
				label: `${displayName} → ${field.displayName}`,
			});
			if (value !== undefined) address[field.name] = value;
		}
		if (Object.keys(address).length) body[apiName] = address;
	}
	return body;
}

function readAdditionalFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const { name, displayName, apiName, maxLength } of TEXT_FIELDS) {
		const value = checkString(context, itemIndex, fields[name], { label: displayName, maxLength });
		if (value !== undefined) body[apiName] = value;
	}
	for (const { name, displayName, apiName, options } of CHOICE_FIELDS) {
		const value = checkOption(
			context,
			itemIndex,
			fields[name],
			options.map((option) => option.value),
			displayName,
		);
		if (value !== undefined) body[apiName] = value;
	}
	if (fields.medicareCardExpireDate) {
		body.medicareCardExpireDate = toCoreplusDate(
			context,
			itemIndex,
			fields.medicareCardExpireDate,
			'Medicare Card Expiry Date',
		);
	}
	const postalSame = checkBoolean(
		context,
		itemIndex,
		fields.postalSameAsResidential,
		'Postal Same as Residential',
	);
	if (postalSame !== undefined) body.postalSameAsResidential = postalSame;
	return body;
}

/** The identity a client is matched on, checked before any request. */
export function readClientIdentity(context: IExecuteFunctions, itemIndex: number) {
	return {
		firstName: readString(context, 'firstName', itemIndex, {
			label: 'First Name',
			required: true,
			maxLength: 50,
		})!,
		lastName: readString(context, 'lastName', itemIndex, {
			label: 'Last Name',
			required: true,
			maxLength: 50,
		})!,
		dateOfBirth: toCoreplusDate(
			context,
			itemIndex,
			context.getNodeParameter('dateOfBirth', itemIndex, ''),
			'Date of Birth',
		),
	};
}

/** The documented create body: identity, additional fields and addresses. */
export function readClientBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		...readClientIdentity(context, itemIndex),
		...readAdditionalFields(context, itemIndex),
		...readAddresses(context, itemIndex),
	};
}
