import { NodeConnectionTypes, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

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

export function standInNodeTypes(): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', true),
		'n8n-nodes-base.noOp': passThrough('noOp'),
	};
}
