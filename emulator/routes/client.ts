import { randomUUID } from 'node:crypto';

import { bodyBoolean, bodyDate, bodyEnum, bodyString, jsonObject } from '../bodyFields';
import { EmulatorHttpError } from '../http';
import { pageOf } from '../paging';
import { clientRecord, listedClients } from './clientSearch';
import type { Route } from './types';

// Choices and lengths from the create-client page (developers.coreplus.com.au/api/api-end-points/client/create-client-post/).
export const CLIENT_TITLES = [
	'Acs Prof',
	'Dr',
	'Master',
	'Miss',
	'Mr',
	'Mrs',
	'Ms',
	'Prof',
	'Rev',
] as const;
export const CLIENT_GENDERS = ['Male', 'Female', 'Other'] as const;
export const CLIENT_PRONOUNS = ['e', 'he', 'she', 'they', 'xe', 'ze', 'other'] as const;
export const CLIENT_STATUSES = ['Current', 'Closed', 'Deleted', 'Deceased'] as const;
// `suburb` as the 2020 Flask client reads it from `GET Client/{id}` (docs/coreplus-api.md#client-get).
const ADDRESS_FIELDS = ['streetAddress', 'suburb', 'city', 'postcode', 'state'];

function address(body: Record<string, unknown>, field: string) {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value))
		throw new EmulatorHttpError(400, `${field} must be an object`);
	const fields = value as Record<string, unknown>;
	for (const key of Object.keys(fields)) {
		if (!ADDRESS_FIELDS.includes(key))
			throw new EmulatorHttpError(400, `${field}.${key} is not an address field`);
		bodyString(fields, key);
	}
	return fields;
}

function createClient(json: unknown) {
	const body = jsonObject(json);
	const firstName = bodyString(body, 'firstName', { required: true, maxLength: 50 });
	const lastName = bodyString(body, 'lastName', { required: true, maxLength: 50 });
	const dateOfBirth = bodyDate(body, 'dateOfBirth', true);
	bodyEnum(body, 'title', CLIENT_TITLES);
	if (body.gender !== '') bodyEnum(body, 'gender', CLIENT_GENDERS);
	bodyEnum(body, 'pronouns', CLIENT_PRONOUNS);
	bodyEnum(body, 'Status', CLIENT_STATUSES);
	for (const [field, maxLength] of [
		['ExternalId', undefined],
		['preferredName', undefined],
		['middleName', undefined],
		['culture', 20],
		['medicareCardNumber', 20],
		['medicareCardIRN', 1],
		['dvaCardNumber', 20],
		['phoneNumberHome', 50],
		['phoneNumberWork', 50],
		['phoneNumberMobile', 50],
		['email', 50],
		['notes1', 300],
	] as const) {
		bodyString(body, field, { maxLength });
	}
	bodyDate(body, 'medicareCardExpireDate');
	address(body, 'addressResidential');
	address(body, 'addressPostal');
	bodyBoolean(body, 'postalSameAsResidential');
	return {
		...body,
		clientId: randomUUID(),
		title: body.title ?? '',
		firstName,
		middleName: body.middleName ?? '',
		lastName,
		preferredName: body.preferredName ?? '',
		dateOfBirth: `${dateOfBirth}T00:00:00`,
		gender: body.gender ?? '',
		practitionerId: null,
		culture: body.culture ?? '',
		pronouns: body.pronouns ?? '',
		relatedClients: [],
	};
}

export const clientRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'client',
		permission: 'VIEW_CLIENTLIST',
		deniedReason: 'Not authorized for viewing client list',
		handle: ({ data, query, clientNameFilter }) => ({
			body: pageOf(listedClients(data.clients, query, clientNameFilter), query, 'clients'),
		}),
	},
	{
		method: 'GET',
		pattern: 'client/:id',
		permission: 'VIEW_CLIENTLIST',
		deniedReason: 'Not authorized for viewing client list',
		handle: ({ data, params }) => ({ body: clientRecord(data.clients, params.id) }),
	},
	{
		method: 'POST',
		pattern: 'client',
		permission: 'CREATE_CLIENT',
		deniedReason: 'Not authorized for creating client',
		handle: ({ data, json }) => {
			const client = createClient(json);
			data.clients.push(client);
			return { body: { client: { clientId: client.clientId } } };
		},
	},
];
