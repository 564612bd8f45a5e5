import { jsonOf } from '../../harness/engine';
import { runCoreplus, useEmulator } from '../../harness/helpers';

const env = useEmulator();

test('Location → Get Many returns one item per location, signed for the URL that was sent', async () => {
	const { emulator } = env;
	const result = await runCoreplus(emulator, {
		resource: 'location',
		operation: 'getMany',
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	const rows = jsonOf(result.output('coreplus'));
	expect(rows.map((r) => r.locationId)).toEqual(emulator.data.locations.map((l) => l.locationId));
	// coreplus' nested `timeZone` as sent, plus the flat zone fields workflows read.
	expect(rows[0]).toMatchObject({
		timeZone: { timezoneId: emulator.data.locations[0].timezoneId, tzName: 'Australia\\Sydney' },
		timezoneId: emulator.data.locations[0].timezoneId,
		ianaTimeZone: 'Australia/Sydney',
	});
	const [received] = emulator.apiRequests('location');
	expect(received.claims?.url).toBe(received.url);
	expect(received.url).toContain('?pageNumber=1&pageSize=100');
});
