import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { coreplusApiTest } from '../Coreplus/methods/credentialTest';
import { getLocations, getPractitioners } from '../Coreplus/methods/loadOptions';
import { pollCoreplus } from './poll';
import { getAppointmentStatuses } from './statusOptions';
import { eventsSubtitle, triggerProperties } from './settings';

/**
 * coreplus documents no webhooks, so this trigger polls: n8n calls `poll()` on the schedule the
 * user sets, and the node compares what coreplus lists with what it saw last time (kept in the
 * workflow's static data). Every request goes through the package's one transport.
 */
export class CoreplusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'coreplus Trigger',
		name: 'coreplusTrigger',
		icon: { light: 'file:coreplus.svg', dark: 'file:coreplus.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitle(),
		// n8n's node picker merges this trigger with the coreplus node into one entry and shows this
		// description for both, so it names what the actions do as well as the events.
		description:
			'Book appointments, find free slots and clients, send files, and start workflows when coreplus appointments or clients change',
		defaults: { name: 'coreplus Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coreplusApi', required: true, testedBy: 'coreplusApiTest' }],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: { getLocations, getPractitioners, getAppointmentStatuses },
		credentialTest: { coreplusApiTest },
	};

	async poll(this: IPollFunctions) {
		return await pollCoreplus(this);
	}
}
