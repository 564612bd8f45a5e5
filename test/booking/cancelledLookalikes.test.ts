import { DateTime } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { book as stage } from '../../emulator/mutations';
import type { CoreplusEmulator } from '../../emulator/server';
import { useEmulator } from '../../harness/helpers';
import { bookSeeded, seeded } from './fixtures';

/**
 * Book's look-ups (after a lost answer, on the conflict path) never take a
 * cancelled appointment in the same slot for the booking. On the conflict path coreplus' refusal
 * is staged as it answers one (whether coreplus itself keeps such a row busy is not known).
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

const CANCELLED_ROWS = [
	{ status: 'Canceled' },
	{ status: 'CANCELLED' },
	{ status: 'Cancelled - late notice' },
	{ status: 'Booked', deleted: true },
];

function stageCancelled(emulator: CoreplusEmulator, fields: Record<string, unknown>) {
	const { sydney, aisha, client } = seeded(emulator);
	const row = stage(emulator.data, {
		start: DateTime.fromISO('2026-05-20T09:00', { zone: 'Australia/Sydney' }),
		locationId: String(sydney.locationId),
		practitionerId: String(aisha.practitionerId),
		clientId: String(client.clientId),
	});
	Object.assign(row, fields);
	return row;
}

const book = (emulator: CoreplusEmulator) => bookSeeded(emulator, '2026-05-20T09:00');

test.each(CANCELLED_ROWS)(
	'on the conflict path a cancelled appointment in the slot (%o) is no "alreadyBooked": the conflict stays an error',
	async (fields) => {
		const { emulator } = env;
		stageCancelled(emulator, fields);
		emulator.injectFault({
			kind: 'status',
			method: 'POST',
			path: 'appointment',
			status: 400,
			reason: 'The selected time is not available for booking an appointment',
		});
		const result = await book(emulator);
		expect(result.error?.message).toMatch(/^The slot 2026-05-20 09:00 \+10:00 .* is not available/);
		expect(emulator.data.appointments).toHaveLength(1);
	},
);

test.each(CANCELLED_ROWS)(
	'after a lost answer a cancelled appointment in the slot (%o) is not the booking recovered',
	async (fields) => {
		const { emulator } = env;
		stageCancelled(emulator, fields);
		// The answer is lost before coreplus acts: the look-up must find no live booking.
		emulator.injectFault({ kind: 'resetBefore', method: 'POST', path: 'appointment' });
		const result = await book(emulator);
		const items = result.error ? [] : jsonOf(result.output('coreplus'));
		expect(items.filter((item) => item.recoveredAfterLostResponse || item.alreadyBooked)).toEqual(
			[],
		);
		// Sent again once the look-up found nothing live; the emulator refuses (its slot is busy).
		expect(emulator.apiRequests('appointment').filter((r) => r.method === 'POST')).toHaveLength(2);
	},
);
