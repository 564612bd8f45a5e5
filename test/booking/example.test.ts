import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';
import type { IConnections, INode } from 'n8n-workflow';

import { jsonOf, runWorkflow } from '../../harness/engine';
import { useEmulator } from '../../harness/helpers';
import { TIMEZONES } from '../../emulator/timezones';
import { withEmulatorSettings, type EmulatorSettings } from '../e2e/exampleSettings';

const env = useEmulator();

// The importable example (also run in real n8n by the e2e suite and told as a story by the demo).
const example = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'examples', 'book-first-free-slot.json'), 'utf8'),
) as {
	nodes: INode[];
	connections: IConnections;
	meta: { emulatorSettings: EmulatorSettings };
};

test('the example workflow finds the first free slot from tomorrow, books it with slot expressions and reads it back', async () => {
	const { emulator } = env;
	const result = await runWorkflow({
		nodes: withEmulatorSettings(example.nodes, example.meta.emulatorSettings),
		connections: example.connections,
		credentials: { coreplusApi: emulator.credentials() as never },
	});
	expect(result.error).toBeUndefined();

	const [slot] = jsonOf(result.output('Find free slots'));
	const [search] = emulator.apiRequests('availabilityslot');
	const tomorrow = DateTime.now().plus({ days: 1 }).toISODate();
	expect(search.query.get('startDate')).toBe(tomorrow);
	expect(search.query.get('timezoneId')).toBe(TIMEZONES.sydney.timezoneId);
	expect(String(slot.startDateTime)).toMatch(/T\d{2}:\d{2}:00 \+1[01]:00$/);

	const [post] = emulator.apiRequests('appointment').filter((r) => r.method === 'POST');
	const body = post.json as Record<string, unknown>;
	// The slot's own wall-clock time and offset, in the request form.
	const slotStart = DateTime.fromISO(String(slot.start), { setZone: true });
	expect(body.startDateTime).toBe(slotStart.toFormat('yyyy-MM-dd HH:mm ZZ'));
	expect(body).toMatchObject({
		practitioner: { practitionerId: slot.practitionerId },
		locationId: slot.locationId,
		appointmentTypeId: slot.appointmentTypeId,
	});

	const [readBack] = jsonOf(result.output('Read the appointment back'));
	expect(readBack).toMatchObject({
		start: slot.start,
		end: slot.end,
		practitioner: { firstName: 'Aisha', lastName: 'Rahman' },
	});
	expect(emulator.data.appointments).toHaveLength(1);
});
