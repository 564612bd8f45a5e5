/*
 * What the editor shows of the nodes, read the way n8n reads it: canvas subtitles evaluated by
 * n8n-workflow's own expression engine, and every parameter label, placeholder and option name of
 * both node types (collections and fixed collections included).
 */
import {
	Workflow,
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CoreplusApi } from '../../credentials/CoreplusApi.credentials';
import { Coreplus } from '../../nodes/Coreplus/Coreplus.node';
import { CoreplusTrigger } from '../../nodes/CoreplusTrigger/CoreplusTrigger.node';
import { TestNodeTypes } from '../../harness/nodeTypes';

const nodeTypes = new TestNodeTypes();

/** The subtitle n8n's canvas shows under a node with these parameters. */
function subtitleOf(description: INodeTypeDescription, parameters: INode['parameters']): unknown {
	const node: INode = {
		id: 'n1',
		name: 'node',
		type: `n8n-nodes-coreplus.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		description.subtitle as string,
		'internal',
		{},
	);
}

interface Shown {
	where: string;
	text: string;
}

/** Every label, placeholder and option name of a property list, with where it sits. */
function shownTexts(properties: INodeProperties[], path: string): Shown[] {
	return properties.flatMap((property) => {
		const where = `${path} › ${property.name}`;
		// A notice's "label" is a sentence shown as a note.
		const own: Shown[] = [
			{
				where: property.type === 'notice' ? `${where} (notice)` : where,
				text: property.displayName,
			},
		];
		if (typeof property.placeholder === 'string')
			own.push({ where: `${where} (placeholder)`, text: property.placeholder });
		for (const option of property.options ?? []) {
			if ('values' in option) {
				const collection = option as INodePropertyCollection;
				own.push({ where: `${where} › ${collection.name}`, text: collection.displayName });
				own.push(...shownTexts(collection.values, `${where} › ${collection.name}`));
			} else if ('displayName' in option) {
				own.push(...shownTexts([option as INodeProperties], where));
			} else {
				own.push({ where: `${where} (option)`, text: (option as INodePropertyOptions).name });
			}
		}
		return own;
	});
}

/** Every property, those inside collections and fixed collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...(property.options ?? []).flatMap((option) =>
			'values' in option
				? allProperties((option as INodePropertyCollection).values)
				: 'displayName' in option
					? allProperties([option as INodeProperties])
					: [],
		),
	]);
}

const descriptions = [new Coreplus().description, new CoreplusTrigger().description];
const texts = descriptions.flatMap((description) =>
	shownTexts(description.properties, description.displayName),
);

describe('canvas subtitles', () => {
	it.each([
		['availabilitySlot', 'getMany', 'Get many availability slots'],
		['appointment', 'book', 'Book an appointment'],
		['client', 'findOrCreate', 'Find or create a client'],
		['message', 'send', 'Send files as a message'],
	])('coreplus %s / %s reads "%s"', (resource, operation, expected) => {
		expect(subtitleOf(new Coreplus().description, { resource, operation })).toBe(expected);
	});

	it('coreplus Trigger names its events as the editor lists them', () => {
		const trigger = new CoreplusTrigger().description;
		expect(subtitleOf(trigger, { events: ['newAppointment', 'newClient'] })).toBe(
			'New Appointment, New Client',
		);
		expect(subtitleOf(trigger, { events: ['appointmentCancelled'] })).toBe('Appointment Cancelled');
	});
});

describe('node picker', () => {
	it("the trigger's description names the actions too: n8n shows it for the merged coreplus entry", () => {
		const shown = new CoreplusTrigger().description.description;
		for (const words of [
			/book appointments/i,
			/free slots/i,
			/send files/i,
			/appointments or clients change/i,
		])
			expect(shown).toMatch(words);
	});
});

describe('labels, placeholders and option names', () => {
	it('reads the editor by many texts, not a few', () => {
		expect(texts.length).toBeGreaterThan(100);
	});

	it('no label says "Name or ID" (the pickers show names; IDs go in by expression)', () => {
		expect(texts.filter(({ text }) => /name or id/i.test(text))).toEqual([]);
	});

	it('no placeholder is a bare GUID a user could mistake for a real value', () => {
		const guid = /^(e\.g\.\s*)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
		expect(texts.filter(({ text }) => guid.test(text.trim()))).toEqual([]);
	});

	it('labels are in Title Case, as n8n writes them', () => {
		const minor = new Set([
			'a',
			'an',
			'and',
			'as',
			'at',
			'by',
			'for',
			'from',
			'in',
			'of',
			'on',
			'or',
			'per',
			'the',
			'to',
			'with',
		]);
		const labels = texts.filter(({ where }) => !/\((placeholder|notice)\)$/.test(where));
		const lowerCased = labels.filter(({ text }) =>
			text.split(/\s+/).some((word, i) => /^[a-z]/.test(word) && (i === 0 || !minor.has(word))),
		);
		expect(lowerCased).toEqual([]);
	});

	it('every switch says what it does with "Whether …", as n8n asks of boolean parameters', () => {
		const switches = descriptions
			.flatMap((description) => allProperties(description.properties))
			.filter((property) => property.type === 'boolean');
		expect(switches.length).toBeGreaterThan(5);
		expect(
			switches
				.filter((property) => !/^Whether /.test(property.description ?? ''))
				.map((property) => property.displayName),
		).toEqual([]);
	});

	it('no description holds an HTML-like <word>: the editor renders descriptions as HTML and would hide it', () => {
		const described = [
			...descriptions.flatMap((description) => allProperties(description.properties)),
			...allProperties(new CoreplusApi().properties),
		];
		const tagLike = /<(?!a\s|\/a>)[a-z][\w-]*>/i;
		expect(
			described
				.filter((property) => tagLike.test(property.description ?? ''))
				.map((property) => `${property.displayName}: ${property.description}`),
		).toEqual([]);
	});

	it('no label shows an internal value (camelCase or snake_case)', () => {
		const internal = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b/;
		const labels = texts.filter(({ where }) => !where.endsWith('(placeholder)'));
		expect(labels.filter(({ text }) => internal.test(text))).toEqual([]);
	});
});
