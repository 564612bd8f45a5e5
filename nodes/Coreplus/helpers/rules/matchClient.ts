import type { IDataObject } from 'n8n-workflow';

import { firstText } from './text';
import { isBlankDateValue, normalizeCoreplusDateTime } from './dates';

/**
 * coreplus' own rule for matching a client (Message → Send: "same name and date of birth"), applied
 * to the client list: first and last name equal as `normalizedName` reads them, same calendar date
 * of birth. An email or mobile given as well must equal the client's when the list row carries one
 * (coreplus' documented list rows carry neither; rows that lack the field are not excluded).
 */
export interface ClientIdentity {
	firstName: string;
	lastName: string;
	/** yyyy-mm-dd */
	dateOfBirth: string;
	email?: string;
	mobile?: string;
}

/**
 * Names are compared as a receptionist reads them, so a returning patient typed
 * another way is matched instead of created twice:
 * - Unicode NFKC (full-width letters, ligatures and composed/decomposed accents read alike);
 * - invisible characters removed: every Unicode format character (zero-width space and joiners,
 *   soft hyphen, BOM, direction marks);
 * - apostrophe variants (’ ‘ ʼ ` ´ ′) read as ', so O’Brien = O'Brien;
 * - hyphens and dashes (- ‐ ‑ ‒ – — ― −) read as a space, so Mary-Jane = Mary Jane;
 * - spacing collapsed and trimmed;
 * - case folded without a locale (upper then lower case, so ß = SS), and the Turkish İ and ı
 *   read as i (İlker = ilker = Ilker), whatever the n8n host's locale.
 * Accents still count (José ≠ Jose): they can tell two people apart.
 */
export function normalizedName(name: string): string {
	return name
		.normalize('NFKC')
		.replace(/\p{Cf}/gu, '')
		.replace(/[\u2019\u2018\u02BC`\u00B4\u2032]/g, "'")
		.replace(/[-\u2010-\u2015\u2212]/g, ' ')
		.toUpperCase()
		.toLowerCase()
		.replace(/i\u0307/g, 'i')
		.replace(/\u0131/g, 'i')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * The part of a last name every spelling `normalizedName` reads alike still contains, for a name
 * search that must not miss a twin: the longest run of ASCII letters (O'Brien and O’Brien both
 * contain "Brien", Smith-Jones and Smith Jones "Smith", Strauß and STRAUSS "Strau"); a name without
 * ASCII letters gives its longest run of letters. Empty when the name has no letters at all.
 */
export function searchFragment(lastName: string): string {
	const name = lastName.normalize('NFKC').replace(/\p{Cf}/gu, '');
	const longest = (runs: string[] | null) =>
		(runs ?? []).reduce((best, run) => (run.length > best.length ? run : best), '');
	return longest(name.match(/[A-Za-z]+/g)) || longest(name.match(/\p{L}+/gu));
}

const sameName = (a: unknown, b: string) =>
	typeof a === 'string' && normalizedName(a) === normalizedName(b);

const digits = (value: string) => value.replace(/\D/g, '');

function dateOfBirthOf(client: IDataObject): string | undefined {
	return normalizeCoreplusDateTime(client.dateOfBirth)?.slice(0, 10);
}

const IDENTITY_FIELDS = ['firstName', 'lastName', 'dateOfBirth'] as const;

/**
 * The identity fields no row of a (non-empty) client list carries: a list spelled otherwise would
 * match nobody, so the node refuses it rather than answer "nobody" (`some` stops at the first row).
 */
export function missingIdentityFields(clients: IDataObject[]): string[] {
	if (!clients.length) return [];
	return IDENTITY_FIELDS.filter((field) => !clients.some((client) => field in client));
}

/**
 * 'unreadable': same names, but a date of birth the node cannot read, so it cannot tell whether
 * this is the same person (a duplicate must not be created on a guess).
 */
export type MatchVerdict = 'match' | 'other' | 'unreadable';

export function compareClient(client: IDataObject, wanted: ClientIdentity): MatchVerdict {
	if (!sameName(client.firstName, wanted.firstName) || !sameName(client.lastName, wanted.lastName))
		return 'other';
	const email = firstText(client, 'email', 'emailAddress');
	if (wanted.email && email && email.toLowerCase() !== wanted.email.toLowerCase()) return 'other';
	const mobile = firstText(client, 'phoneNumberMobile', 'mobile', 'mobilePhone');
	if (wanted.mobile && mobile && digits(mobile) !== digits(wanted.mobile)) return 'other';
	const dateOfBirth = dateOfBirthOf(client);
	if (dateOfBirth !== undefined) return dateOfBirth === wanted.dateOfBirth ? 'match' : 'other';
	return isBlankDateValue(client.dateOfBirth) ? 'other' : 'unreadable';
}

export function describeIdentity(wanted: ClientIdentity): string {
	return `${wanted.firstName} ${wanted.lastName}, born ${wanted.dateOfBirth}`;
}
