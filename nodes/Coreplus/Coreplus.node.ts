import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildProperties, buildSubtitle } from './actions/resources';
import { route } from './actions/router';
import { coreplusApiTest } from './methods/credentialTest';
import { searchClients } from './methods/listSearch';
import {
	getAppointmentTypes,
	getInvoiceLineItems,
	getLocations,
	getPractitioners,
} from './methods/loadOptions';

export class Coreplus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'coreplus',
		name: 'coreplus',
		icon: { light: 'file:coreplus.svg', dark: 'file:coreplus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: buildSubtitle(),
		description:
			'Find free slots, book appointments, find or create clients, send files, read invoices and record payments in coreplus practice management',
		defaults: { name: 'coreplus' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coreplusApi', required: true, testedBy: 'coreplusApiTest' }],
		properties: buildProperties(),
	};

	methods = {
		credentialTest: { coreplusApiTest },
		loadOptions: { getPractitioners, getLocations, getAppointmentTypes, getInvoiceLineItems },
		listSearch: { searchClients },
	};

	async execute(this: IExecuteFunctions) {
		return await route.call(this);
	}
}
