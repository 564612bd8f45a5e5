import { seedInvoices, seedPaymentMethods } from './invoices';
import { TIMEZONES } from './timezones';

/** Records as the emulator stores and serves them (coreplus field names and casing). */
export type Row = Record<string, unknown>;

export interface EmulatorData {
	locations: Row[];
	practitioners: Row[];
	appointmentTypes: Row[];
	clients: Row[];
	appointments: Row[];
	clientFamilies: Row[];
	messages: Row[];
	/** Files uploaded into clients' records (`POST File/`), as stored: name, size, sha256, the json part. */
	clientFiles: Row[];
	/** Referrers (e.g. GPs) known to the practice; the Message endpoint matches PractitionerFrom against them. */
	referrers: Row[];
	/** Invoices with their line items (emulator/invoices.ts); `updatedAt` is never served. */
	invoices: Row[];
	/** Payments of invoice lines: `{ invoiceId, lineItemId, amountPaid (text as sent), datePaid, paymentMethodId, paymentNotes, dateBanked?, type }`. */
	payments: Row[];
	paymentMethods: Row[];
	/**
	 * Whether `GET Appointment/` keeps a cancelled appointment (with status "Cancelled", the default)
	 * or leaves it out ("hidden"); coreplus' behaviour is unknown, the node must read both.
	 */
	cancelledInList?: 'kept' | 'hidden';
}

export interface SeedOptions {
	/** How many clients to generate (a big clinic has tens of thousands). */
	clients?: number;
	/** How many invoices to generate (default 90). */
	invoices?: number;
	seed?: number;
}

/** Small deterministic PRNG so that every run serves the same data. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** GUID-shaped ids, deterministic per prefix and number. */
export function guid(kind: number, index: number): string {
	const hex = (value: number, width: number) =>
		(value >>> 0).toString(16).padStart(width, '0').slice(-width);
	return `${hex(kind * 0x1000 + index, 8)}-${hex(kind, 4)}-4${hex(index, 3)}-8${hex(index * 7, 3)}-${hex(index * 2654435761, 8)}${hex(kind, 4)}`;
}

const FIRST_NAMES = [
	'Olivia',
	'Jack',
	'Charlotte',
	'Noah',
	'Amelia',
	'William',
	'Isla',
	'Oliver',
	'Mia',
	'Leo',
	'Ava',
	'Henry',
	'Grace',
	'Lucas',
	'Zoë',
	'Mateo',
];
const LAST_NAMES = [
	'Smith',
	'Nguyen',
	'Williams',
	'Brown',
	'Jones',
	'Singh',
	'Taylor',
	'Wilson',
	'Martin',
	'Anderson',
	"O'Connor",
	'Chen',
	'Walker',
	'Kelly',
	'Papadopoulos',
	'García',
];

export function createSeedData(options: SeedOptions = {}): EmulatorData {
	const random = seededRandom(options.seed ?? 42);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

	const locationSeeds = [
		['Sydney CBD Clinic', TIMEZONES.sydney, '1 George St', 'Sydney', 'NSW', '2000'],
		['Melbourne Allied Health', TIMEZONES.melbourne, '200 Collins St', 'Melbourne', 'VIC', '3000'],
		['Brisbane Physio Centre', TIMEZONES.brisbane, '15 Queen St', 'Brisbane', 'QLD', '4000'],
		['Adelaide Wellbeing', TIMEZONES.adelaide, '8 King William St', 'Adelaide', 'SA', '5000'],
		['Perth Therapy Rooms', TIMEZONES.perth, '90 Hay St', 'Perth', 'WA', '6000'],
	] as const;
	const locations = locationSeeds.map(([name, zone, street, city, state, postcode], index) => ({
		locationId: guid(1, index + 1),
		name,
		timezoneId: zone.timezoneId,
		timezoneName: zone.timezoneName,
		address: { streetAddress: street, city, state, postcode },
		phoneNumber: `0${2 + index} 9000 00${10 + index}`,
	}));

	const practitionerSeeds = [
		['Dr', 'Aisha', 'Rahman', 'Psychologist'],
		['Ms', 'Bella', 'Thompson', 'Physiotherapist'],
		['Mr', 'Carlos', 'Mendes', 'Physiotherapist'],
		['Dr', 'Deborah', 'Kwan', 'Occupational Therapist'],
		['Mx', 'Eli', 'Hart', 'Speech Pathologist'],
		['Mr', 'Finn', 'Murphy', 'Exercise Physiologist'],
	] as const;
	const practitioners = practitionerSeeds.map(
		([title, firstName, lastName, discipline], index) => ({
			practitionerId: guid(2, index + 1),
			title,
			firstName,
			lastName,
			discipline,
			providerNumber: `${2000000 + index * 1111}${'ABCDEF'[index]}`,
			email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@clinic.example`,
			locationIds: [
				locations[index % locations.length].locationId,
				locations[(index + 1) % locations.length].locationId,
			],
		}),
	);

	const typeSeeds = [
		['Initial Consultation', 60, 'FF5733'],
		['Standard Consultation', 30, '2E86C1'],
		['Long Consultation', 90, '28B463'],
		['Telehealth Review', 20, 'AF7AC5'],
		['Group Session', 120, 'F1C40F'],
	] as const;
	const appointmentTypes = typeSeeds.map(([description, durationMinutes, blockColour], index) => ({
		appointmentTypeId: guid(3, index + 1),
		description,
		durationMinutes,
		blockColour,
	}));

	const clients = Array.from({ length: options.clients ?? 240 }, (_, index) => {
		const year = 1940 + Math.floor(random() * 70);
		const month = 1 + Math.floor(random() * 12);
		const day = 1 + Math.floor(random() * 28);
		return {
			clientId: guid(4, index + 1),
			title: pick(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', '']),
			firstName: pick(FIRST_NAMES),
			middleName: '',
			lastName: pick(LAST_NAMES),
			preferredName: '',
			dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00`,
			gender: pick(['Female', 'Male', 'Other']),
			practitionerId: practitioners[index % practitioners.length].practitionerId,
			culture: '',
			pronouns: '',
			relatedClients: [],
		};
	});

	const paymentMethods = seedPaymentMethods();
	const people = { clients, practitioners, locations, paymentMethods };
	return {
		locations,
		practitioners,
		appointmentTypes,
		clients,
		appointments: [],
		clientFamilies: [],
		messages: [],
		clientFiles: [],
		referrers: seedReferrers(),
		...seedInvoices(options.invoices ?? 90, people),
		paymentMethods,
	};
}

/** The referrer from coreplus' own Message sample, plus one more. */
function seedReferrers(): Row[] {
	return [
		{
			referrerId: guid(5, 1),
			title: 'Dr',
			firstName: 'Benji',
			lastName: 'Dolittle',
			providerNumber: '2000000A',
		},
		{
			referrerId: guid(5, 2),
			title: 'Dr',
			firstName: 'Priya',
			lastName: 'Natarajan',
			providerNumber: '4455667B',
		},
	];
}
