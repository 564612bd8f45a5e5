import type { INodePropertyOptions } from 'n8n-workflow';

// Documented choices (developers.coreplus.com.au/api/api-end-points/client/create-client-post/
// and .../client-family/create-client-family-post/).
export const CLIENT_TITLES = [
	'Acs Prof',
	'Dr',
	'Master',
	'Miss',
	'Mr',
	'Mrs',
	'Ms',
	'Prof',
	'Rev',
] as const;
export const CLIENT_GENDERS = ['Male', 'Female', 'Other'] as const;
export const CLIENT_STATUSES = ['Current', 'Closed', 'Deleted', 'Deceased'] as const;
export const FAMILY_TITLES = [
	'Dr',
	'Master',
	'Miss',
	'Mr',
	'Mrs',
	'Ms',
	'Mx',
	'Sir',
	'Rev',
] as const;
/** Suggestions only: coreplus accepts other relationships, so an expression may give any text. */
export const FAMILY_RELATIONSHIPS = [
	'Auntie',
	'Boyfriend',
	'Brother',
	'Client',
	'Daughter',
	'Father',
	'Fiance',
	'Foster Father',
	'Foster Mother',
	'Friend',
	'Girlfriend',
	'Grand Father',
	'Grand Mother',
	'Guardian',
	'Husband',
	'Mother',
	'Next of KIN',
	'Partner',
	'Sister',
	'Son',
	'Stepfather',
	'Stepmother',
	'Uncle',
	'Wife',
] as const;

/**
 * Each value stands for a pronoun set, e.g. "they" = they/them/their/theirs/theirself. The names
 * are in title case, as n8n's scanner asks of option names (n8n-nodes-base/node-param-display-name-miscased).
 */
export const CLIENT_PRONOUNS: ReadonlyArray<{ value: string; name: string }> = [
	{ value: 'e', name: 'E (E/Em/Eir)' },
	{ value: 'he', name: 'He (He/Him/His)' },
	{ value: 'she', name: 'She (She/Her/Hers)' },
	{ value: 'they', name: 'They (They/Them/Their)' },
	{ value: 'xe', name: 'Xe (Xe/Xem/Xyr)' },
	{ value: 'ze', name: 'Ze (Ze/Hir/Hirs)' },
	{ value: 'other', name: 'Other' },
];

export function asOptions(
	values: readonly string[],
): Array<INodePropertyOptions & { value: string }> {
	return values.map((value) => ({ name: value, value }));
}
