import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

import { Coreplus } from '../nodes/Coreplus/Coreplus.node';
import { CoreplusTrigger } from '../nodes/CoreplusTrigger/CoreplusTrigger.node';
import { standInNodeTypes } from './standInNodes';

/** The node types a test workflow may use: this package's nodes plus small stand-ins for n8n's own. */
export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	constructor(extra: Record<string, INodeType> = {}) {
		this.types.set('n8n-nodes-coreplus.coreplus', new Coreplus());
		this.types.set('n8n-nodes-coreplus.coreplusTrigger', new CoreplusTrigger());
		for (const [name, type] of Object.entries({ ...standInNodeTypes(), ...extra }))
			this.types.set(name, type);
	}

	register(name: string, type: INodeType): void {
		this.types.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType} in test workflow`);
		return type;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}
}
