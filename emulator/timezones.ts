/**
 * coreplus identifies time zones by GUID-like ids (documented example
 * 39D62534-501C-49CD-9DA9-6FA8D6A81F48) plus, in the emulator's inferred location shape, the
 * Windows time zone name. The emulator maps each id to an IANA zone to check offsets.
 */
export interface EmulatorTimezone {
	timezoneId: string;
	timezoneName: string;
	iana: string;
}

export const TIMEZONES = {
	sydney: {
		timezoneId: '39D62534-501C-49CD-9DA9-6FA8D6A81F48',
		timezoneName: 'AUS Eastern Standard Time',
		iana: 'Australia/Sydney',
	},
	melbourne: {
		timezoneId: '6A1C2F0B-3E8D-4B7A-9C55-0D7E8F1A2B3C',
		timezoneName: 'AUS Eastern Standard Time',
		iana: 'Australia/Melbourne',
	},
	brisbane: {
		timezoneId: 'B2E4C6A8-1D3F-4E5A-8B7C-9D0E1F2A3B4C',
		timezoneName: 'E. Australia Standard Time',
		iana: 'Australia/Brisbane',
	},
	adelaide: {
		timezoneId: 'C3F5D7B9-2E4A-4F6B-9C8D-0E1F2A3B4C5D',
		timezoneName: 'Cen. Australia Standard Time',
		iana: 'Australia/Adelaide',
	},
	perth: {
		timezoneId: 'D4A6E8C0-3F5B-4A7C-8D9E-1F2A3B4C5D6E',
		timezoneName: 'W. Australia Standard Time',
		iana: 'Australia/Perth',
	},
} satisfies Record<string, EmulatorTimezone>;

export function ianaForTimezoneId(timezoneId: string): string | undefined {
	return Object.values(TIMEZONES).find(
		(zone) => zone.timezoneId.toLowerCase() === timezoneId.toLowerCase(),
	)?.iana;
}
