import { useEmulator } from '../../harness/helpers';
import { bookAndReadBack } from '../../scripts/conformance/writes';

/**
 * `npm run conformance -- --book`: books, reads back, reschedules, cancels and
 * reads back its own appointment, and says which cancel form the server took.
 */
const env = useEmulator();
beforeEach(() => {
	env.emulator.data.appointments.length = 0;
});

const writes = () =>
	env.emulator
		.apiRequests()
		.filter((r) => r.method === 'POST')
		.map((r) => `${r.path} ${JSON.stringify(r.json)}`);

test('the whole lifecycle holds against the emulator, each row naming its evidence; the default cancel form is taken', async () => {
	const rows = await bookAndReadBack(env.emulator.credentials());
	expect(rows.map((row) => [row.endpoint, row.verdict])).toEqual([
		['POST Appointment/ book (--book; documented: Make a booking)', 'holds'],
		['GET Appointment/{id}/ read back (documented: Get appointment record)', 'holds'],
		[
			'POST Appointment/{id}/ reschedule (--book; evidence: Acuity sync 2025, voice agent 2026)',
			'holds',
		],
		[
			'POST Appointment/ { deleted: "true", appointmentId } cancel (--book; evidence: WordPress plugin 2016, Acuity sync 2025)',
			'holds',
		],
		[
			'GET Appointment/{id}/ after the cancel (--book; evidence: deleted flag or cancelled status)',
			'holds',
		],
	]);
	const [appointment] = env.emulator.data.appointments;
	expect(appointment.status).toBe('Cancelled');
	expect(writes()).toEqual([
		expect.stringMatching(/^Appointment\/ \{"startDateTime"/),
		expect.stringMatching(
			new RegExp(`^Appointment/${String(appointment.appointmentId)}/ \\{"startDateTime"`),
		),
		`Appointment/ {"deleted":"true","appointmentId":"${String(appointment.appointmentId)}"}`,
	]);
});

test('a server that refuses the default cancel form: the other form is tried and reported as the one it takes', async () => {
	const { emulator } = env;
	emulator.injectFault({
		kind: 'status',
		method: 'POST',
		path: 'appointment',
		status: 400,
		reason: 'appointmentId is not a field of this request',
		skip: 2, // the booking and the reschedule pass
	});
	const rows = await bookAndReadBack(emulator.credentials());
	expect(rows.slice(3).map((row) => [row.endpoint.split(' (')[0], row.verdict])).toEqual([
		['POST Appointment/ { deleted: "true", appointmentId } cancel', 'differs, adapted'],
		['POST Appointment/{id}/ { deleted: true } cancel', 'holds'],
		['GET Appointment/{id}/ after the cancel', 'holds'],
	]);
	expect(rows[3].node).toMatch(/HTTP 400.*Cancel Request Form/);
	expect(emulator.data.appointments[0].status).toBe('Cancelled');
});

test('a server that removes a cancelled appointment (404 after the cancel): every row holds, the 404 named as handled', async () => {
	const { emulator } = env;
	// Every appointment read removes what is cancelled first, as such a server does.
	emulator.injectFault({
		kind: 'changingTotal',
		method: 'GET',
		path: 'appointment',
		times: 1000,
		change: (data) => {
			for (let i = data.appointments.length - 1; i >= 0; i--)
				if (data.appointments[i].status === 'Cancelled') data.appointments.splice(i, 1);
		},
	});
	const rows = await bookAndReadBack(emulator.credentials());
	expect(rows.map((row) => row.verdict)).toEqual(['holds', 'holds', 'holds', 'holds', 'holds']);
	expect(rows[3].node).toBe(
		'this server takes this form: the appointment was removed by coreplus (404 when read back), which the node takes as cancelled (handled)',
	);
	expect(rows[4].node).toBe(
		'removed by coreplus (handled): the cancelled appointment reads 404, which the node takes as cancelled',
	);
	expect(emulator.data.appointments).toHaveLength(0);
});
