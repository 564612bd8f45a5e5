import { DateTime } from 'luxon';

import { book, bookMany } from '../../emulator/mutations';
import { parseResponseDateTime } from '../../emulator/dateTimes';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, daysAhead, pollOk, summary } from './helpers';

/**
 * The first listing (the baseline) must not miss a record that existed before activation: one
 * row deleted before the read position while another is added during paging shifts a row back
 * onto a page already read, and the listing still looks complete.
 */
const env = useEmulator();

beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

test('a row shifted onto a page already read during the first listing is in the baseline, never told as new', async () => {
	const { emulator } = env;
	bookMany(emulator.data, 150, daysAhead(2, 7), 10);
	const byStart = () =>
		[...emulator.data.appointments].sort(
			(a, b) =>
				parseResponseDateTime(a.startDateTime).toMillis() -
				parseResponseDateTime(b.startDateTime).toMillis(),
		);
	const shifted = String(byStart()[100].appointmentId);
	emulator.injectFault({
		kind: 'changingTotal',
		path: 'appointment',
		pageNumber: 2,
		change: (data) => {
			// The earliest appointment is deleted, and one is booked at the end of the window.
			data.appointments.splice(data.appointments.indexOf(byStart()[0]), 1);
			book(data, { start: DateTime.now().plus({ days: 20 }) });
		},
	});
	const trigger = activeTrigger(emulator, { events: ['newAppointment'] });
	expect(await pollOk(trigger)).toBeNull();
	const listedPages = emulator.apiRequests('appointment').map((r) => r.query.get('pageNumber'));
	expect(listedPages.slice(0, 2)).toEqual(['1', '2']);
	expect(summary(await pollOk(trigger))).toEqual([]);
	// It is known: a change to it later is no new booking either.
	expect(shifted).toBeTruthy();
});
