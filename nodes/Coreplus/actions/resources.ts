import type { INodeProperties } from 'n8n-workflow';

import { appointment } from './appointment';
import { appointmentType } from './appointmentType';
import { availabilitySlot } from './availabilitySlot';
import { client } from './client';
import { invoice } from './invoice';
import { clientFile } from './clientFile';
import { location } from './location';
import { message } from './message';
import { payment } from './payment';
import { practitioner } from './practitioner';
import type { OperationDefinition, ResourceDefinition } from './types';

/** Every resource the node offers, in the order the editor lists them. */
export const resources: ResourceDefinition[] = [
	client,
	practitioner,
	location,
	appointmentType,
	availabilitySlot,
	appointment,
	message,
	invoice,
	payment,
	clientFile,
];

function withDisplayOptions(
	property: INodeProperties,
	resource: string,
	operation: string,
): INodeProperties {
	const show = { ...property.displayOptions?.show, resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** The resource selector. Its default is named, not indexed: n8n's scanner reads a name as a default. */
function resourceSelector(): INodeProperties {
	const firstResource = resources[0].value;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
		default: firstResource,
	};
}

/**
 * One resource's operation selector, shown when that resource is picked. A resource with an
 * operation that is not for AI agents gets two: the full one, and for the node as a tool (n8n's
 * `@tool` display condition) one without that operation.
 */
function operationSelectors(resource: ResourceDefinition): INodeProperties[] {
	const forTools = resource.operations.filter((operation) => !operation.notAsTool);
	if (forTools.length === resource.operations.length)
		return [operationSelector(resource, resource.operations)];
	return [
		operationSelector(resource, resource.operations, { '@tool': [false] }),
		operationSelector(resource, forTools, { '@tool': [true] }),
	];
}

function operationSelector(
	resource: ResourceDefinition,
	operations: OperationDefinition[],
	condition: NonNullable<INodeProperties['displayOptions']>['show'] = {},
): INodeProperties {
	const firstOperation = operations[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value], ...condition } },
		options: operations.map(({ name, value, action, description }) => ({
			name,
			value,
			action,
			description,
		})),
		default: firstOperation,
	};
}

/** The node's parameter list: resource selector, one operation selector per resource, then each operation's own parameters. */
export function buildProperties(): INodeProperties[] {
	const operationParameters = resources.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			operation.properties.map((property) =>
				withDisplayOptions(property, resource.value, operation.value),
			),
		),
	);
	return [resourceSelector(), ...resources.flatMap(operationSelectors), ...operationParameters];
}

export function findOperation(
	resource: string,
	operation: string,
): OperationDefinition | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

/**
 * The canvas subtitle: the operation's action text ("Book an appointment"), not internal values
 * such as "getMany: availabilitySlot". Built from the same definitions as the operation lists.
 */
export function buildSubtitle(): string {
	const actions = Object.fromEntries(
		resources.flatMap((resource) =>
			resource.operations.map((operation) => [
				`${resource.value}.${operation.value}`,
				operation.action,
			]),
		),
	);
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}
