import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { coreplusRequestAllItems } from '../transport/paginate';
import { readLimit, readRequestOptions, requestOptions, returnAllOrLimit } from './common';
import type { OperationDefinition } from './types';

interface ListOperationSpec {
	/** Plural noun for the action text, e.g. "locations". */
	noun: string;
	description: string;
	endpoint: string;
	/** Key of the rows in coreplus' list envelope, e.g. `locations`. */
	dataKey: string;
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
			const request = { endpoint: spec.endpoint, itemIndex, ...readRequestOptions(this, itemIndex) };
			const rows = await coreplusRequestAllItems(this, request, spec.dataKey, readLimit(this, itemIndex));
			return spec.mapRow ? rows.map(spec.mapRow) : rows;
		},
	};
}
