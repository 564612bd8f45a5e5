import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

/**
 * The stream n8n's binary store hands out (a node Readable), named through n8n-workflow's own
 * types: n8n's scanner refuses imports of node built-ins such as `node:stream`, even type-only.
 */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** Where a file's bytes are read from. */
export type BinarySource = 'stream' | 'buffer';

export interface BinaryContent {
	source: BinarySource;
	/** The real byte count, from n8n's binary store or the buffer; never what the user typed. */
	size: number;
	/** Opens the bytes for one upload; a stream is single-use, so each attempt opens its own. */
	open(): Promise<BinaryStream | Buffer>;
}

/**
 * The one place that decides how a binary property is read. When n8n keeps binary data outside
 * the execution (filesystem mode, the usual setting for big files, or S3/database: `id` is set),
 * the size comes from the store's metadata and the bytes are streamed into the request, never
 * loaded into memory. Otherwise (memory mode) the data already is a buffer and is used as is.
 */
export async function readBinaryContent(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryProperty: string,
	binary: IBinaryData,
): Promise<BinaryContent> {
	const storedId = binary.id;
	if (storedId) {
		const { fileSize } = await context.helpers.getBinaryMetadata(storedId);
		return {
			source: 'stream',
			size: fileSize,
			open: async () => await context.helpers.getBinaryStream(storedId),
		};
	}
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, binaryProperty);
	return { source: 'buffer', size: buffer.length, open: async () => buffer };
}

/** One file of an item, checked and ready to upload (any number of times: `open` gives fresh bytes). */
export interface UploadFile extends BinaryContent {
	binaryProperty: string;
	/** Sent as the part's filename and in the JSON part (AttachedFileDetails.Name, `name`). */
	fileName: string;
	mimeType: string;
}
