import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readList, type ListEndpoint } from '../transport/endpoints';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from './common';
import type { OperationDefinition } from './types';

interface ListOperationSpec {
	/** Plural noun for the action text, e.g. "locations". */
	noun: string;
	description: string;
	/** The coreplus list read (transport/endpoints.ts). */
	list: ListEndpoint;
	/** Optional per-row enrichment (e.g. a normalised date). */
	mapRow?: (row: IDataObject) => IDataObject;
}

/** A paged "Get Many" with Return All / Limit and Request Options: the directory lists share this shape. */
export function listOperation(spec: ListOperationSpec): OperationDefinition {
	return {
		value: 'getMany',
		name: 'Get Many',
		action: `Get many ${spec.noun}`,
		description: spec.description,
		properties: [...returnAllOrLimit, requestOptions],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const rows = await readList(this, spec.list, { itemIndex, ...readRequestOptions(this, itemIndex) }, readLimit(this, itemIndex));
			return spec.mapRow ? rows.map(spec.mapRow) : rows;
		},
	};
}
