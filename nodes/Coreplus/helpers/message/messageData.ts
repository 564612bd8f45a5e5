import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readPickedId } from '../parameters/pickers';
import {
	checkOption,
	checkString,
	invalidParameter,
	readString,
	toCoreplusDate,
} from '../validation/validation';
import type { UploadFile } from '../upload/binaryFile';

// Field names and casing as documented on developers.coreplus.com.au/api/api-end-points/message/.
// Gender and marital status are listed there as words with letter codes ("Male(M)"); the page's
// own sample sends the words ("Male", "Single"), so the node sends the word and accepts either
// the word or the letter from an expression.
export const GENDERS = { M: 'Male', F: 'Female', U: 'Unknown', O: 'Other' } as const;
export const MARITAL_STATUSES = {
	S: 'Single',
	M: 'Married',
	W: 'Widowed',
	D: 'Divorced',
	U: 'Unknown',
} as const;

function documentedWord(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	codes: Record<string, string>,
	label: string,
): string | undefined {
	const text = checkString(context, itemIndex, value, { label });
	if (text === undefined) return undefined;
	const word =
		Object.values(codes).find((w) => w.toLowerCase() === text.toLowerCase()) ??
		codes[text.toUpperCase()];
	if (!word) {
		const allowed = Object.entries(codes)
			.map(([code, w]) => `${w} (${code})`)
			.join(', ');
		throw invalidParameter(
			context,
			itemIndex,
			label,
			`"${text}" is not a documented code`,
			allowed,
		);
	}
	return word;
}

/** Drops empty values so that only what the user gave is sent. */
function compact(object: IDataObject): IDataObject | undefined {
	const entries = Object.entries(object).filter(([, value]) => value !== undefined && value !== '');
	return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * The documented Address object from the flat address fields of a collection. The page's
 * parameter table writes these keys in lower camel case, unlike the sections around them.
 */
function address(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	section: string,
): IDataObject | undefined {
	const text = (key: string, label: string) =>
		checkString(context, itemIndex, fields[key], { label: `${section} → ${label}` });
	return compact({
		addressLine: text('addressLine', 'Address Line'),
		suburb: text('suburb', 'Suburb'),
		state: text('state', 'State'),
		postcode: text('postcode', 'Postcode'),
		country: text('country', 'Country'),
	});
}

/** A "Match …" option: not at all, by ID, or by the section's own identifying fields. */
function readMatchMode<ByFields extends string>(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	byFields: ByFields,
	label: string,
): 'none' | 'id' | ByFields {
	const modes = ['none', 'id', byFields] as const;
	return (
		checkOption(
			context,
			itemIndex,
			context.getNodeParameter(name, itemIndex, 'none'),
			modes,
			label,
		) ?? 'none'
	);
}

function client(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const match = readMatchMode(
		context,
		itemIndex,
		'clientMatch',
		'nameAndDateOfBirth',
		'Match Client',
	);
	if (match === 'none') return undefined;
	const details = context.getNodeParameter('clientDetails', itemIndex, {}) as IDataObject;
	const detail = (key: string, label: string) =>
		checkString(context, itemIndex, details[key], { label: `Client Details → ${label}` });
	const identity: IDataObject = {};
	if (match === 'id') {
		identity.Id = readPickedId(context, 'clientId', itemIndex, 'Client');
	} else {
		identity.Firstname = readString(context, 'clientFirstName', itemIndex, {
			label: 'Client First Name',
			required: true,
		});
		identity.Surname = readString(context, 'clientSurname', itemIndex, {
			label: 'Client Surname',
			required: true,
		});
		const dateOfBirth = context.getNodeParameter('clientDateOfBirth', itemIndex, '');
		if (dateOfBirth === '' || dateOfBirth === null || dateOfBirth === undefined) {
			throw invalidParameter(
				context,
				itemIndex,
				'Client Date of Birth',
				'a value is required: coreplus matches a client given by name only together with the date of birth',
				'a date such as 1970-08-21, or choose Client → By ID',
			);
		}
		identity.DateOfBirth = toCoreplusDate(context, itemIndex, dateOfBirth, 'Client Date of Birth');
	}
	// Order as in coreplus' sample.
	return compact({
		Id: identity.Id,
		Firstname: identity.Firstname,
		Surname: identity.Surname,
		Title: detail('title', 'Title'),
		Address: address(context, itemIndex, details, 'Client Details'),
		DateOfBirth: identity.DateOfBirth,
		Gender: documentedWord(context, itemIndex, details.gender, GENDERS, 'Client Details → Gender'),
		HomePhone: detail('homePhone', 'Home Phone'),
		BusinessPhone: detail('businessPhone', 'Business Phone'),
		MaritalStatus: documentedWord(
			context,
			itemIndex,
			details.maritalStatus,
			MARITAL_STATUSES,
			'Client Details → Marital Status',
		),
	});
}

/** The referrer: coreplus matches it by name and provider number; its `Id` is sent when given. */
function practitionerFrom(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const fields = context.getNodeParameter('practitionerFrom', itemIndex, {}) as IDataObject;
	const text = (key: string, label: string) =>
		checkString(context, itemIndex, fields[key], {
			label: `Practitioner From (Referrer) → ${label}`,
		});
	return compact({
		Id: text('id', 'ID'),
		Firstname: text('firstName', 'First Name'),
		Surname: text('surname', 'Surname'),
		Title: text('title', 'Title'),
		Address: address(context, itemIndex, fields, 'Practitioner From (Referrer)'),
		ProviderNumber: text('providerNumber', 'Provider Number'),
	});
}

/** The receiving coreplus user: matched by ID, or by name. */
function practitionerTo(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const match = readMatchMode(
		context,
		itemIndex,
		'practitionerToMatch',
		'name',
		'Match Practitioner To',
	);
	if (match === 'none') return undefined;
	if (match === 'id')
		return { Id: readPickedId(context, 'practitionerToId', itemIndex, 'Practitioner To') };
	return {
		Firstname: readString(context, 'practitionerToFirstName', itemIndex, {
			label: 'Practitioner To First Name',
			required: true,
		}),
		Surname: readString(context, 'practitionerToSurname', itemIndex, {
			label: 'Practitioner To Surname',
			required: true,
		}),
	};
}

/** The `messageData` JSON part: one AttachedFileDetails entry per file, with its real size. */
export function buildMessageData(
	context: IExecuteFunctions,
	itemIndex: number,
	files: UploadFile[],
): IDataObject {
	const sendingFacility = readString(context, 'sendingFacility', itemIndex, {
		label: 'Sending Facility',
		required: true,
	});
	const data: IDataObject = {
		Header: { SendingFacility: sendingFacility },
		MessageContents: files.map((file) => ({
			AttachedFileDetails: { Size: file.size, Name: file.fileName },
		})),
	};
	const sections = {
		Client: client(context, itemIndex),
		PractitionerFrom: practitionerFrom(context, itemIndex),
		PractitionerTo: practitionerTo(context, itemIndex),
	};
	for (const [key, value] of Object.entries(sections)) if (value) data[key] = value;
	return data;
}
