import type { Row } from '../data';
import { formatResponseDateTime, queryRange, queryZone } from '../dateTimes';
import { EmulatorHttpError } from '../http';
import { pageOf } from '../paging';
import { freeTime, specialtyIdOf, splitInto } from '../schedule';
import type { Route } from './types';

/** Rows whose id is among the repeated query values, or all rows when the key is absent. */
function selected(
	rows: Row[],
	query: URLSearchParams,
	key: string,
	idOf: (row: Row) => unknown,
): Row[] {
	const wanted = query.getAll(key).map((id) => id.toLowerCase());
	if (!wanted.length) return rows;
	return rows.filter((row) => wanted.includes(String(idOf(row)).toLowerCase()));
}

/**
 * `GET AvailabilitySlot/` (documented query). The response page was not recovered; public clients
 * read `{ timeslots: [{ startDateTime, endDateTime, locationId, practitionerId }] }` (WordPress
 * plugin 2016, voice agent 2026), served by default; `shapes.slotsKey` switches to the inferred
 * `availabilitySlots`.
 */
export const availabilitySlotRoutes: Route[] = [
	{
		method: 'GET',
		pattern: 'availabilityslot',
		permission: 'VIEW_AVAILABILITYSLOT',
		deniedReason: 'Not authorized for viewing availability slots',
		handle: ({ data, query, shapes }) => {
			const zone = queryZone(query);
			const { from, to } = queryRange(query, zone);
			const practitioners = selected(
				selected(data.practitioners, query, 'practitionerId', (p) => p.practitionerId),
				query,
				'specialtyId',
				specialtyIdOf,
			);
			const locations = selected(data.locations, query, 'locationId', (l) => l.locationId);
			let slots = freeTime(data, practitioners, locations, from, to);
			const appointmentTypeId = query.get('appointmentTypeId');
			if (appointmentTypeId) {
				const type = data.appointmentTypes.find(
					(t) => String(t.appointmentTypeId).toLowerCase() === appointmentTypeId.toLowerCase(),
				);
				if (!type)
					throw new EmulatorHttpError(400, `Unknown appointmentTypeId ${appointmentTypeId}`);
				slots = splitInto(slots, Number(type.durationMinutes));
			}
			const rows = slots.map((slot) => ({
				practitionerId: slot.practitionerId,
				locationId: slot.locationId,
				...(appointmentTypeId ? { appointmentTypeId } : {}),
				startDateTime: formatResponseDateTime(slot.interval.start!, zone),
				endDateTime: formatResponseDateTime(slot.interval.end!, zone),
			}));
			return { body: pageOf(rows, query, shapes.current.slotsKey) };
		},
	},
];
