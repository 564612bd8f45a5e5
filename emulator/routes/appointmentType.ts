import { randomUUID } from 'node:crypto';

import { bodyString, jsonObject } from '../bodyFields';
import { EmulatorHttpError } from '../http';
import { pageOf } from '../paging';
import type { Route } from './types';

// Create: developers.corepluspm.com/api/api-end-points/appointment-type/create-appointment-type.
// The list is inferred (booking pages say "see endpoint 'Specialty Types'").
export const appointmentTypeRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'appointmenttype',
		permission: 'VIEW_APPOINTMENTTYPELIST',
		deniedReason: 'Not authorized for viewing appointment type list',
		handle: ({ data, query }) => ({
			body: pageOf(data.appointmentTypes, query, 'appointmentTypes'),
		}),
	},
	{
		method: 'POST',
		pattern: 'appointmenttype',
		permission: 'CREATE_APPOINTMENTTYPE',
		deniedReason: 'Not authorized for creating appointment type',
		handle: ({ data, json }) => {
			const body = jsonObject(json);
			const description = bodyString(body, 'description', { required: true });
			// Documented as a string, at most 120.
			const duration = bodyString(body, 'durationMinutes');
			if (
				duration !== undefined &&
				(!/^\d+$/.test(duration) || Number(duration) < 1 || Number(duration) > 120)
			) {
				throw new EmulatorHttpError(
					400,
					'durationMinutes must be a whole number of minutes from 1 to 120',
				);
			}
			// Documented as hex such as FF5733; the example sends #FF0000.
			const colour = bodyString(body, 'blockColour');
			if (colour !== undefined && !/^#?[0-9A-Fa-f]{6}$/.test(colour)) {
				throw new EmulatorHttpError(400, 'blockColour must be a hex colour such as FF5733');
			}
			const practitionerId = bodyString(body, 'practitionerId');
			if (practitionerId && !data.practitioners.some((p) => p.practitionerId === practitionerId)) {
				throw new EmulatorHttpError(400, 'Practitioner not found');
			}
			const locationId = bodyString(body, 'locationId');
			if (locationId && !data.locations.some((l) => l.locationId === locationId)) {
				throw new EmulatorHttpError(400, 'Location not found');
			}
			const appointmentTypeId = randomUUID();
			data.appointmentTypes.push({
				appointmentTypeId,
				description,
				durationMinutes: duration === undefined ? undefined : Number(duration),
				blockColour: colour?.replace('#', '').toUpperCase(),
				practitionerId,
				locationId,
				clientGroupId: bodyString(body, 'clientGroupId'),
			});
			return { body: { appointmentTypeId, description } };
		},
	},
];
