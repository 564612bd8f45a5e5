import { randomUUID } from 'node:crypto';

import { Settings } from 'luxon';

import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';
import { seeded } from './fixtures';

/**
 * A coreplus time without an offset (`2026-05-20T09:00:00`) at a Sydney location
 * is 09:00 in Sydney, whatever zone the n8n host runs in (it was 19:00 on a UTC host, 23:00 in New York).
 */
const env = useEmulator();
const savedTz = process.env.TZ;
const savedDefaultZone = Settings.defaultZone;

afterEach(() => {
	process.env.TZ = savedTz;
	Settings.defaultZone = savedDefaultZone;
	env.emulator.data.appointments.length = 0;
});

test.each(['UTC', 'America/New_York'])(
	'Simplify reads an offset-less time in the location zone on a host in %s',
	async (hostZone) => {
		process.env.TZ = hostZone;
		Settings.defaultZone = hostZone;
		const { emulator } = env;
		const { sydney, aisha, client } = seeded(emulator);
		const appointmentId = randomUUID();
		emulator.data.appointments.push({
			appointmentId,
			appointmentReferenceNumber: '100777',
			status: 'Booked',
			practitioner: { practitionerId: aisha.practitionerId },
			locationId: sydney.locationId,
			appointmentTypeId: null,
			startDateTime: '2026-05-20T09:00:00',
			endDateTime: '2026-05-20T09:30:00',
			clients: [{ clientId: client.clientId }],
		});
		const result = await runCoreplus(emulator, {
			resource: 'appointment',
			operation: 'get',
			appointmentId,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('coreplus'))[0]).toMatchObject({
			startLocal: '2026-05-20 09:00',
			endLocal: '2026-05-20 09:30',
			start: '2026-05-20T09:00:00+10:00',
			end: '2026-05-20T09:30:00+10:00',
			timeZone: 'Australia/Sydney',
		});
	},
);
