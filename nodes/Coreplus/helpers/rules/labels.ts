import type { IDataObject } from 'n8n-workflow';

import { timezoneIdOfLocation, zoneNameOfLocation } from './timezones';

/** How a practitioner, location or appointment type is named to people: dropdowns, messages, simplified output. */

/** A trimmed string field, or '' when the field is not a string. */
export function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export function practitionerLabel(row: IDataObject): string {
	const name = [row.title, row.firstName, row.lastName].map(text).filter(Boolean).join(' ');
	return name || text(row.name) || String(row.practitionerId);
}

export function locationLabel(row: IDataObject): string {
	// coreplus writes IANA names with a backslash (`Australia\Sydney`); people read them with a slash.
	const zone = zoneNameOfLocation(row)?.replace(/\\/g, '/') ?? timezoneIdOfLocation(row);
	const name = text(row.name) || String(row.locationId);
	return zone ? `${name} (${zone})` : name;
}

export function appointmentTypeLabel(row: IDataObject): string {
	const name = text(row.description) || text(row.name) || String(row.appointmentTypeId);
	const minutes = Number(row.durationMinutes);
	return Number.isFinite(minutes) && minutes > 0 ? `${name} (${minutes} min)` : name;
}
