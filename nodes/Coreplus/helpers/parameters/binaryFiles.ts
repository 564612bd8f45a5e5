import type { INodeProperties } from 'n8n-workflow';

/**
 * Which files of the input item an upload sends (Message → Send, Client File → Upload), read by
 * helpers/upload/uploadFiles.ts. `verb` words the descriptions: "send", "upload".
 */
export function binaryFileProperties(verb: string): INodeProperties[] {
	return [
		{
			displayName: 'All Binary Properties',
			name: 'allBinaryProperties',
			type: 'boolean',
			default: false,
			description: `Whether to ${verb} every file (binary property) of the input item`,
		},
		{
			displayName: 'Binary Properties',
			name: 'binaryProperties',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { allBinaryProperties: [false] } },
			placeholder: 'data, attachment_0',
			hint: `Comma-separated names of the input binary properties to ${verb}`,
			description: `The binary properties of the input item that hold the files to ${verb}`,
		},
	];
}

/** Options → File Names: a file sent under another name than the one it has in n8n. */
export const fileNamesOption: INodeProperties = {
	displayName: 'File Names',
	name: 'fileNames',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Send a file under another name than the one it has in n8n',
	options: [
		{
			displayName: 'File',
			name: 'files',
			values: [
				{
					displayName: 'Binary Property',
					name: 'binaryProperty',
					type: 'string',
					default: 'data',
					description: 'The binary property holding the file, as listed under Binary Properties',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'referral.pdf',
					description: 'The name the file gets in coreplus, extension included',
				},
			],
		},
	],
};
