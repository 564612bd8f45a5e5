import type { IExecuteFunctions } from 'n8n-workflow';

import { findInDirectory } from './directoryLists';
import { describeZoneFields, ianaZoneOfLocation, timezoneIdOfLocation } from '../rules/timezones';
import { invalidParameter } from '../validation/validation';

export interface LocationZone {
	locationId: string;
	name?: string;
	/** coreplus' id for the zone, what slot and appointment searches take. */
	timezoneId: string;
	/** The IANA zone, when the location names one the node knows (see timezones.ts). */
	zone?: string;
	/** The location's zone fields as received, for an error that has to say what was there. */
	received: string;
}

/**
 * A location's time zone. coreplus documents no single-location endpoint ("See GetLocations to
 * determine the timezoneId"), so the location list is read (a practice has a handful), once per execution.
 */
export async function lookUpLocationZone(
	context: IExecuteFunctions,
	locationId: string,
	itemIndex: number,
	label: string,
): Promise<LocationZone> {
	const location = await findInDirectory(context, 'locations', locationId, itemIndex);
	if (!location) {
		throw invalidParameter(
			context,
			itemIndex,
			label,
			`coreplus has no location with ID ${locationId}`,
			'a location from the list',
		);
	}
	// Nested `timeZone.timezoneId` (evidence) or top-level `timezoneId` (inferred).
	const timezoneId = timezoneIdOfLocation(location);
	const name = typeof location.name === 'string' ? location.name : undefined;
	if (!timezoneId) {
		throw invalidParameter(
			context,
			itemIndex,
			label,
			`coreplus returned no timezoneId for location "${name ?? locationId}" (${describeZoneFields(location)})`,
			'a location with a time zone set in coreplus',
		);
	}
	return {
		locationId,
		name,
		timezoneId,
		zone: ianaZoneOfLocation(location),
		received: describeZoneFields(location),
	};
}
