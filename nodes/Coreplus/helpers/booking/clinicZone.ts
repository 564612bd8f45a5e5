import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { lookUpLocationZone, type LocationZone } from '../directory/locationZone';
import { ianaZoneFor } from '../rules/timezones';
import { checkString, invalidParameter } from '../validation/validation';

/**
 * The location's time zone, in which Book and Reschedule read Start and End: the zone coreplus
 * names for the location, or the user's override when coreplus names one the node does not know.
 */

const LABEL = 'Location Time Zone';

/** The override, under Additional Fields. */
export const zoneOverrideField: INodeProperties = {
	displayName: LABEL,
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Australia/Sydney',
	description:
		"IANA name of the location's time zone, only needed when coreplus names a zone the node does not know",
};

/** The override, checked before any request; undefined when empty. */
export function readZoneOverride(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): string | undefined {
	const override = checkString(context, itemIndex, value, { label: LABEL });
	if (override && !ianaZoneFor(override)) {
		throw invalidParameter(
			context,
			itemIndex,
			LABEL,
			`"${override}" is not a time zone name`,
			'an IANA name such as Australia/Sydney',
		);
	}
	return override ? ianaZoneFor(override) : undefined;
}

export interface ClinicZone {
	/** The IANA zone Start and End are read in. */
	zone: string;
	location: LocationZone;
}

/** The location's zone (override first); a zone the node cannot name fails, naming the location. */
export async function clinicZone(
	context: IExecuteFunctions,
	itemIndex: number,
	locationId: string,
	override: string | undefined,
	locationLabel = 'Location',
): Promise<ClinicZone> {
	const location = await lookUpLocationZone(context, locationId, itemIndex, locationLabel);
	const zone = override ?? location.zone;
	if (!zone) {
		throw invalidParameter(
			context,
			itemIndex,
			LABEL,
			`the time zone of location "${location.name ?? locationId}" is not one the node knows (${location.received})`,
			"the location's IANA time zone name, e.g. Australia/Sydney, under Additional Fields",
		);
	}
	return { zone, location };
}
