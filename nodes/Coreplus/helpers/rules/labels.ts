import type { IDataObject } from 'n8n-workflow';

import { textOf } from './text';
import { timezoneIdOfLocation, zoneNameOfLocation } from './timezones';

/** How a practitioner, location or appointment type is named to people: dropdowns, messages, simplified output. */

export function practitionerLabel(row: IDataObject): string {
	const name = [row.title, row.firstName, row.lastName].map(textOf).filter(Boolean).join(' ');
	return name || textOf(row.name) || String(row.practitionerId);
}

export function locationLabel(row: IDataObject): string {
	// coreplus writes IANA names with a backslash (`Australia\Sydney`); people read them with a slash.
	const zone = zoneNameOfLocation(row)?.replace(/\\/g, '/') ?? timezoneIdOfLocation(row);
	const name = textOf(row.name) || String(row.locationId);
	return zone ? `${name} (${zone})` : name;
}

export function appointmentTypeLabel(row: IDataObject): string {
	const name = textOf(row.description) || textOf(row.name) || String(row.appointmentTypeId);
	const minutes = Number(row.durationMinutes);
	return Number.isFinite(minutes) && minutes > 0 ? `${name} (${minutes} min)` : name;
}
