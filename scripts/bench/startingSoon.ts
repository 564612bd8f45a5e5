/*
 * Appointment Starting Soon's row of `npm run bench` (alone: `npm run bench -- --only startingSoon`).
 * A weekday clinic diary (15,000 appointments in the 30-day window, 08:00-18:00 Sydney), reminders
 * 24 hours ahead, on a simulated clock: the first poll at 07:50 on a Monday, polls a minute apart
 * from 07:57 to 08:10 (from 08:00 about one reminder comes due a minute), and a quiet poll on a
 * Saturday morning (nothing due). Reports requests per poll, reminders told and the state's size.
 */
import '../../harness/setup';

import { DateTime } from 'luxon';

import { bookClinicDiary } from '../../emulator/mutations';
import {
	benchTrigger,
	kib,
	measuredPoll,
	seconds,
	simulatedClock,
	SYDNEY,
	WEEKDAYS_IN_WINDOW,
	withEmulator,
	type TriggerRow,
} from './trigger';

const WATCHED = 15_000;

export async function startingSoonBench(rows: TriggerRow[]): Promise<void> {
	const clock = simulatedClock();
	try {
		await withEmulator({ clients: 240 }, async (emulator) => {
			const monday = DateTime.now().setZone(SYDNEY).plus({ weeks: 1 }).startOf('week');
			const at = (days: number, hour: number, minute: number) =>
				clock.set(monday.plus({ days, hours: hour, minutes: minute }));
			bookClinicDiary(emulator.data, monday, 38, Math.ceil(WATCHED / WEEKDAYS_IN_WINDOW));
			const trigger = benchTrigger(emulator, {
				events: ['appointmentStartingSoon'],
				remindBefore: 24,
				remindBeforeUnit: 'hours',
			});
			at(0, 7, 50);
			const first = await measuredPoll(emulator, trigger);
			const polls = [];
			for (let minute = 57; minute <= 70; minute++) {
				at(0, 7, minute);
				polls.push(await measuredPoll(emulator, trigger));
			}
			at(5, 10, 0);
			await measuredPoll(emulator, trigger);
			const quiet = await measuredPoll(emulator, trigger);
			if (quiet.items) throw new Error(`a quiet Saturday poll told ${quiet.items} reminders`);
			const told = polls.reduce((sum, poll) => sum + poll.items, 0);
			const largest = Math.max(...polls.map((poll) => poll.requests));
			const lookUps = polls.reduce((sum, poll) => sum + poll.lookUps, 0);
			if (!told) throw new Error('no reminder came due between 08:00 and 08:10');
			rows.push({
				measure: `Trigger Appointment Starting Soon, ${WATCHED.toLocaleString('en')} watched appointments (weekdays 08:00-18:00), 24 h ahead: quiet poll (Sat 10:00) / polls a minute apart 07:57-08:10 (Mon)`,
				result: `${quiet.requests} requests, ${seconds(quiet.ms)} / largest ${largest} requests, ${told} reminders told with ${lookUps} look-ups; state ${kib(quiet.bytes)}`,
				ratio: `first poll ${first.requests} requests, ${seconds(first.ms)}; ${(quiet.bytes / WATCHED).toFixed(0)} bytes an appointment; ${polls.reduce((sum, poll) => sum + poll.limited, quiet.limited)} × 429`,
				target: '≤ 10 requests per quiet poll; 1 look-up at most per reminder',
			});
		});
	} finally {
		clock.restore();
	}
}

if (require.main === module) {
	const rows: TriggerRow[] = [];
	startingSoonBench(rows).then(
		() => console.table(rows),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
