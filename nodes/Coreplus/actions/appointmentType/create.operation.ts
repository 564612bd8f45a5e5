import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createdOrMadeIdUnknown } from '../../helpers/output/madeIdUnknown';
import { RECORDS, writeRecord } from '../../transport/endpoints';
import { noticeFor } from '../../helpers/output/notices';
import {
	additionalFields,
	readRequestOptions,
	requestOptions,
} from '../../helpers/parameters/parameters';
import { locationPicker, practitionerPicker } from '../../helpers/parameters/pickers';
import { checkId, invalidParameter, readString } from '../../helpers/validation/validation';
import type { OperationDefinition } from '../types';

// POST appointmenttype/ (developers.corepluspm.com/api/api-end-points/appointment-type/create-appointment-type).
const MAX_DURATION_MINUTES = 120;

const properties: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		description: "The appointment type's name, e.g. Initial Consultation",
	},
	{
		displayName: 'Duration (Minutes)',
		name: 'durationMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_DURATION_MINUTES, numberPrecision: 0 },
		default: 30,
		description: `Length of an appointment of this type, at most ${MAX_DURATION_MINUTES} minutes`,
	},
	{
		displayName: 'Block Colour',
		name: 'blockColour',
		type: 'color',
		default: '',
		description:
			'Colour of the appointment in the coreplus calendar, as a hex colour such as #FF5733',
	},
	additionalFields([
		{
			displayName: 'Client Group ID',
			name: 'clientGroupId',
			type: 'string',
			default: '',
			description: 'The client group this type is offered to',
		},
		locationPicker({ description: 'The location this type is offered at' }),
		practitionerPicker({ description: 'The practitioner this type belongs to' }),
	]),
	requestOptions,
];

/** Whole minutes from 1 to 120, sent as a string as the reference shows. */
function readDuration(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = context.getNodeParameter('durationMinutes', itemIndex, '') as unknown;
	if (value === '' || value === null || value === undefined) return undefined;
	const minutes =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+\s*$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
		throw invalidParameter(
			context,
			itemIndex,
			'Duration (Minutes)',
			`${JSON.stringify(value)} is not a valid duration`,
			`a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`,
		);
	}
	return String(minutes);
}

/** coreplus documents hex such as FF5733 (its example sends #FF0000); sent upper case without '#'. */
function readColour(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const colour = readString(context, 'blockColour', itemIndex, { label: 'Block Colour' });
	if (colour === undefined) return undefined;
	const match = /^#?([0-9A-Fa-f]{6})$/.exec(colour);
	if (!match)
		throw invalidParameter(
			context,
			itemIndex,
			'Block Colour',
			`"${colour.slice(0, 40)}" is not a hex colour`,
			'six hex digits such as #FF5733 or FF5733',
		);
	return match[1].toUpperCase();
}

export const createAppointmentType: OperationDefinition = {
	value: 'create',
	name: 'Create',
	action: 'Create an appointment type',
	description: 'Add an appointment type (name, duration, calendar colour)',
	properties,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body: IDataObject = {
			description: readString(this, 'description', itemIndex, {
				label: 'Description',
				required: true,
			}),
		};
		const durationMinutes = readDuration(this, itemIndex);
		if (durationMinutes) body.durationMinutes = durationMinutes;
		const blockColour = readColour(this, itemIndex);
		if (blockColour) body.blockColour = blockColour;
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const ids = {
			practitionerId: 'Practitioner',
			locationId: 'Location',
			clientGroupId: 'Client Group ID',
		};
		for (const [name, label] of Object.entries(ids)) {
			const id = checkId(this, itemIndex, fields[name], label, false);
			if (id) body[name] = id;
		}
		const check = `the appointment type "${String(body.description)}" was accepted; look for it in coreplus (or with Appointment Type → Get Many) before creating it again`;
		return await createdOrMadeIdUnknown(
			this,
			itemIndex,
			{ idField: 'appointmentTypeId', check },
			async () =>
				await writeRecord(this, RECORDS.createAppointmentType, {
					body,
					itemIndex,
					notice: noticeFor(this),
					...readRequestOptions(this, itemIndex),
				}),
		);
	},
};
