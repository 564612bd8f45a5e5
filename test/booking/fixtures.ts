import { DateTime } from 'luxon';

import type { CoreplusEmulator } from '../../emulator/server';
import { TIMEZONES } from '../../emulator/timezones';
import { runCoreplus } from '../../harness/helpers';

/** Seeded records the booking tests use, by role. */
export function seeded(emulator: CoreplusEmulator) {
	const { locations, practitioners, clients, appointmentTypes } = emulator.data;
	const byZone = (zone: keyof typeof TIMEZONES) =>
		locations.find((l) => l.timezoneId === TIMEZONES[zone].timezoneId)!;
	return {
		sydney: byZone('sydney'),
		melbourne: byZone('melbourne'),
		brisbane: byZone('brisbane'),
		adelaide: byZone('adelaide'),
		perth: byZone('perth'),
		/** Works at Sydney (Mon, Wed, Fri, Sat morning) and Melbourne (Tue, Thu). */
		aisha: practitioners[0],
		bella: practitioners[1],
		client: clients[0],
		otherClient: clients[1],
		initial60: appointmentTypes.find((t) => t.durationMinutes === 60)!,
		standard30: appointmentTypes.find((t) => t.durationMinutes === 30)!,
	};
}

/** Parameters of a Book node for the given ids; the client is picked "By ID". */
export function bookParameters(
	ids: { practitionerId: unknown; locationId: unknown; clientId: unknown },
	extra: Record<string, unknown> = {},
) {
	return {
		resource: 'appointment',
		operation: 'book',
		practitionerId: ids.practitionerId,
		locationId: ids.locationId,
		clientId: { __rl: true, mode: 'id', value: ids.clientId },
		...extra,
	} as never;
}

/**
 * Book for the seeded client with Dr Rahman at Sydney: half an hour from `start` (the clinic's
 * wall-clock time, e.g. `2026-05-20T09:00`), no retry pause; `extra` adds or overrides parameters.
 */
export function bookSeeded(
	emulator: CoreplusEmulator,
	start: string,
	extra: Record<string, unknown> = {},
) {
	const { sydney, aisha, client } = seeded(emulator);
	const end = DateTime.fromISO(start).plus({ minutes: 30 }).toFormat("yyyy-MM-dd'T'HH:mm");
	return runCoreplus(
		emulator,
		bookParameters(
			{
				practitionerId: aisha.practitionerId,
				locationId: sydney.locationId,
				clientId: client.clientId,
			},
			{ start, end, requestOptions: { retryDelayMs: 0 }, ...extra },
		),
	);
}
