import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeType,
} from 'n8n-workflow';

/**
 * Minimal stand-ins for n8n-nodes-base types that example workflows use around our node
 * (n8n-nodes-base is not a dependency of this package). They pass items through unchanged, so
 * a workflow file runs here and imports unchanged into real n8n, where the real nodes run.
 */
function passThrough(name: string, isTrigger = false): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: isTrigger ? ['trigger'] : ['transform'],
			version: [1, 2, 3, 4],
			description: `Test stand-in for ${name}`,
			defaults: { name },
			inputs: isTrigger ? [] : [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData();
			return [items.length ? items : [{ json: {} }]];
		},
	};
}

/** Read/Write Files from Disk, read operation: really reads one file (no globbing) into binary data. */
function readFileFromDisk(): INodeType {
	const type = passThrough('readWriteFile');
	type.description.properties = [
		{ displayName: 'Operation', name: 'operation', type: 'string', default: 'read' },
		{ displayName: 'File(s) Selector', name: 'fileSelector', type: 'string', default: '' },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: ['dataPropertyName', 'fileName', 'mimeType'].map((name) => ({
				displayName: name,
				name,
				type: 'string' as const,
				default: '',
			})),
		},
	];
	type.execute = async function (this: IExecuteFunctions) {
		return [
			await Promise.all(
				this.getInputData().map(async (_, itemIndex) => {
					const path = this.getNodeParameter('fileSelector', itemIndex) as string;
					const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					const binary = await this.helpers.prepareBinaryData(
						await readFile(path),
						(options.fileName as string) || basename(path),
						options.mimeType as string | undefined,
					);
					const { fileName, fileExtension, mimeType, fileSize } = binary;
					return {
						json: { fileName, fileExtension, mimeType, fileSize },
						binary: { [(options.dataPropertyName as string) || 'data']: binary },
						pairedItem: { item: itemIndex },
					};
				}),
			),
		];
	};
	return type;
}

/** Send Email: sends nothing; outputs the message it would send, with its expressions resolved. */
function sendEmail(): INodeType {
	const type = passThrough('emailSend');
	type.description.properties = ['fromEmail', 'toEmail', 'subject', 'emailFormat', 'text'].map(
		(name) => ({ displayName: name, name, type: 'string', default: '' }),
	);
	type.description.properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		default: {},
		options: [],
	});
	type.execute = async function (this: IExecuteFunctions) {
		return [
			this.getInputData().map((_, itemIndex) => ({
				json: Object.fromEntries(
					['fromEmail', 'toEmail', 'subject', 'text'].map((name) => [
						name,
						this.getNodeParameter(name, itemIndex, ''),
					]),
				),
				pairedItem: { item: itemIndex },
			})),
		];
	};
	return type;
}

/** Edit Fields (Set), manual mapping: each item becomes the assignments' resolved values (no type conversion). */
function setFields(): INodeType {
	const type = passThrough('set');
	type.description.properties = [
		{
			displayName: 'Fields to Set',
			name: 'assignments',
			type: 'assignmentCollection',
			default: {},
		},
		{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
	];
	type.execute = async function (this: IExecuteFunctions) {
		return [
			this.getInputData().map((_, itemIndex) => {
				const { assignments = [] } = this.getNodeParameter('assignments', itemIndex, {}) as {
					assignments?: Array<{ name: string; value: unknown }>;
				};
				return {
					json: Object.fromEntries(assignments.map((a) => [a.name, a.value])) as IDataObject,
					pairedItem: { item: itemIndex },
				};
			}),
		];
	};
	return type;
}

/** Sticky Note: never executed; the engine only needs to know the type. */
function stickyNote(): INodeType {
	const type = passThrough('stickyNote');
	type.description.inputs = [];
	type.description.outputs = [];
	type.description.properties = [
		{ displayName: 'Content', name: 'content', type: 'string', default: '' },
	];
	return type;
}

export function standInNodeTypes(): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', true),
		'n8n-nodes-base.noOp': passThrough('noOp'),
		'n8n-nodes-base.readWriteFile': readFileFromDisk(),
		'n8n-nodes-base.emailSend': sendEmail(),
		'n8n-nodes-base.set': setFields(),
		'n8n-nodes-base.stickyNote': stickyNote(),
	};
}
