import { randomUUID } from 'node:crypto';

import { bodyBoolean, bodyDate, bodyEnum, bodyString, jsonObject } from '../bodyFields';
import { EmulatorHttpError } from '../http';
import type { Route } from './types';

// From the create-client-family page (developers.coreplus.com.au/api/api-end-points/client-family/create-client-family-post/).
export const FAMILY_TITLES = [
	'Dr',
	'Master',
	'Miss',
	'Mr',
	'Mrs',
	'Ms',
	'Mx',
	'Sir',
	'Rev',
] as const;

export const clientFamilyRoutes: Route[] = [
	{
		method: 'POST',
		pattern: 'clientfamily',
		permission: 'CREATE_CLIENTFAMILY',
		deniedReason: 'Not authorized for creating client family',
		handle: ({ data, json }) => {
			const body = jsonObject(json);
			// Documented as "Object containing Id", but the example sends the id as a plain string.
			const clientId = bodyString(body, 'clientId', { required: true, maxLength: 50 });
			if (!data.clients.some((client) => client.clientId === clientId))
				throw new EmulatorHttpError(400, 'Client not found');
			const text = (field: string, maxLength?: number) =>
				bodyString(body, field, { maxLength }) ?? '';
			const family = {
				familyId: randomUUID(),
				firstName: bodyString(body, 'firstName', { required: true }),
				surname: bodyString(body, 'surname', { required: true }),
				title: bodyEnum(body, 'title', FAMILY_TITLES) ?? '',
				dateOfBirth: bodyDate(body, 'dateOfBirth'),
				relationship: text('relationship'),
				address: text('address'),
				suburb: text('suburb'),
				postcode: text('postcode'),
				workPhone: text('workPhone'),
				homePhone: text('homePhone'),
				mobile: text('mobile'),
				email: text('email'),
				notes: text('notes', 300),
				medicareCardNumber: text('medicareCardNumber', 20),
				medicareCardIRN: text('medicareCardIRN', 1),
				emergencyContact: bodyBoolean(body, 'emergencyContact') ?? false,
				invoiceRecipient: bodyBoolean(body, 'invoiceRecipient') ?? false,
				mainContact: bodyBoolean(body, 'mainContact') ?? false,
			};
			data.clientFamilies.push({ clientId, ...family });
			const { dateOfBirth: _dateOfBirth, ...answer } = family;
			return { body: answer };
		},
	},
];
