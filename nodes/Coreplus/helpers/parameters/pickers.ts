import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkId, invalidParameter, ID_REGEX } from '../validation/validation';

/**
 * Reusable parameters for the things users pick: practitioners, locations and appointment types
 * as dropdowns (a practice has a handful of each), clients as a searchable locator (a practice can
 * have tens of thousands). The loaders live in `methods/loadOptions.ts` and `methods/listSearch.ts`.
 */
interface PickerOptions {
	/** Parameter name, e.g. `practitionerId`. */
	name?: string;
	displayName?: string;
	required?: boolean;
	description?: string;
	/** A multi-select (for filters that may be repeated in the query string). */
	multiple?: boolean;
}

function dropdown(
	loadOptionsMethod: string,
	defaults: Required<Pick<PickerOptions, 'name' | 'displayName' | 'description'>>,
	options: PickerOptions,
): INodeProperties {
	const displayName = options.displayName ?? defaults.displayName;
	return {
		displayName,
		name: options.name ?? defaults.name,
		type: options.multiple ? 'multiOptions' : 'options',
		typeOptions: { loadOptionsMethod },
		default: options.multiple ? [] : '',
		required: options.required ?? false,
		description: `${options.description ?? defaults.description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export function practitionerPicker(options: PickerOptions = {}): INodeProperties {
	return dropdown(
		'getPractitioners',
		{ name: 'practitionerId', displayName: 'Practitioner', description: 'The practitioner' },
		options,
	);
}

export function locationPicker(options: PickerOptions = {}): INodeProperties {
	return dropdown(
		'getLocations',
		{
			name: 'locationId',
			displayName: 'Location',
			description: 'The location (its timezone is shown beside the name)',
		},
		options,
	);
}

export function appointmentTypePicker(options: PickerOptions = {}): INodeProperties {
	return dropdown(
		'getAppointmentTypes',
		{
			name: 'appointmentTypeId',
			displayName: 'Appointment Type',
			description: 'The appointment type',
		},
		options,
	);
}

/** A client: "From list" (searchable, paged) or "By ID". */
export function clientPicker(options: Omit<PickerOptions, 'multiple'> = {}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Client',
		name: options.name ?? 'clientId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description ?? 'The client',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a client…',
				typeOptions: { searchListMethod: 'searchClients', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5dbf87f6-e50f-4ca1-9ef9-7e102ee27817',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ID_REGEX,
							errorMessage: 'Not a coreplus ID (letters, digits and dashes)',
						},
					},
				],
			},
		],
	};
}

/**
 * The id picked in a dropdown (a plain string) or a resource locator (`{ mode, value }`),
 * checked with `checkId`. Returns undefined for an optional picker left empty.
 */
export function readPickedId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	required = true,
): string | undefined {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const value =
		raw !== null && typeof raw === 'object' && '__rl' in raw
			? (raw as { value?: unknown }).value
			: raw;
	return checkId(context, itemIndex, value, label, required);
}

/** The ids picked in a multi-select dropdown (or an expression giving a list or comma-separated text). */
export function readPickedIds(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string[] {
	return checkIds(context, itemIndex, context.getNodeParameter(name, itemIndex, []), label);
}

/** A multi-select's value (a list, or comma-separated text) as checked ids; empty when none. */
export function checkIds(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): string[] {
	const values =
		raw === undefined || raw === null
			? []
			: Array.isArray(raw)
				? raw
				: typeof raw === 'string'
					? raw.split(',')
					: [raw];
	if (values.some((value) => value !== null && typeof value === 'object')) {
		throw invalidParameter(
			context,
			itemIndex,
			label,
			'expected IDs but got an object',
			'a list of coreplus IDs',
		);
	}
	return values
		.map((value) => (typeof value === 'string' ? value.trim() : value))
		.filter((value) => value !== '' && value !== undefined && value !== null)
		.map((value) => checkId(context, itemIndex, value, label)!);
}
