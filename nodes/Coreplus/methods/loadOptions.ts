import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { LISTS, readList, type ListEndpoint } from '../transport/endpoints';

/**
 * Dropdown loaders. They list through the same signed, rate-limited transport as the operations,
 * so a dropdown opened during a long-running list shares the 10 requests/second budget.
 * No cache: each list is a page or two, opened once per editor visit, and a cache would hide an
 * appointment type created a moment ago.
 */
function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

export function practitionerLabel(row: IDataObject): string {
	const name = [row.title, row.firstName, row.lastName].map(text).filter(Boolean).join(' ');
	return name || text(row.name) || String(row.practitionerId);
}

export function locationLabel(row: IDataObject): string {
	const zone = text(row.timezoneName) || text(row.timezoneId);
	const name = text(row.name) || String(row.locationId);
	return zone ? `${name} (${zone})` : name;
}

export function appointmentTypeLabel(row: IDataObject): string {
	const name = text(row.description) || text(row.name) || String(row.appointmentTypeId);
	const minutes = Number(row.durationMinutes);
	return Number.isFinite(minutes) && minutes > 0 ? `${name} (${minutes} min)` : name;
}

async function listOptions(
	context: ILoadOptionsFunctions,
	list: ListEndpoint & { idField: string },
	label: (row: IDataObject) => string,
	description?: (row: IDataObject) => string | undefined,
): Promise<INodePropertyOptions[]> {
	const rows = await readList(context, list);
	return rows
		.filter((row) => typeof row[list.idField] === 'string' && row[list.idField])
		.map((row) => ({ name: label(row), value: row[list.idField] as string, description: description?.(row) }))
		.sort(byName);
}

export async function getPractitioners(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, LISTS.practitioner, practitionerLabel, (row) => text(row.discipline) || undefined);
}

export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, LISTS.location, locationLabel, (row) => text(row.timezoneId) || undefined);
}

export async function getAppointmentTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, LISTS.appointmentType, appointmentTypeLabel);
}
