import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readList, type ListEndpoint } from '../transport/endpoints';
import { noticeFor } from '../helpers/output/notices';
import {
	readLimit,
	readRequestOptions,
	requestOptions,
	returnAllOrLimit,
} from '../helpers/parameters/parameters';
import { readSimplify, simplifyProperty } from '../helpers/output/simplify';
import type { OperationDefinition } from './types';

interface ListOperationSpec {
	/** Plural noun for the action text, e.g. "locations". */
	noun: string;
	description: string;
	/** The coreplus list read (transport/endpoints.ts). */
	list: ListEndpoint;
	/** Optional per-row enrichment (e.g. a normalised date). */
	mapRow?: (row: IDataObject) => IDataObject;
	/** A "Simplify" toggle (on by default) and the flat form it gives. */
	simplify?: {
		what: string;
		row: (context: IExecuteFunctions, itemIndex: number, row: IDataObject) => Promise<IDataObject>;
	};
}

/** A paged "Get Many" with Return All / Limit and Request Options: the directory lists share this shape. */
export function listOperation(spec: ListOperationSpec): OperationDefinition {
	return {
		value: 'getMany',
		name: 'Get Many',
		action: `Get many ${spec.noun}`,
		description: spec.description,
		properties: [
			...returnAllOrLimit,
			...(spec.simplify ? [simplifyProperty(spec.simplify.what)] : []),
			requestOptions,
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const request = {
				itemIndex,
				notice: noticeFor(this),
				...readRequestOptions(this, itemIndex),
			};
			const limit = readLimit(this, itemIndex);
			const simplify = spec.simplify && readSimplify(this, itemIndex);
			const rows = await readList(this, spec.list, request, limit);
			if (simplify)
				return await Promise.all(
					rows.map(async (row) => await spec.simplify!.row(this, itemIndex, row)),
				);
			return spec.mapRow ? rows.map(spec.mapRow) : rows;
		},
	};
}
