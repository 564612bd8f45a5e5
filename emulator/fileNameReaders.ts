/**
 * Three ways real multipart readers take a file name from a part's Content-Disposition header. A
 * name the node sends must read the same in all three (and in busboy's reading), or a server built
 * on one of them files the upload under a name that does not match `AttachedFileDetails.Name`.
 */

type Parameter = { name: string; value: string };

/** `form-data; name=file; filename="a b.pdf"; filename*=utf-8''a%20b.pdf` → its parameters, quoted strings unescaped (RFC 7230). */
function parameters(header: string): Parameter[] {
	const found: Parameter[] = [];
	const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/gy;
	const start = header.indexOf(';');
	if (start < 0) return found;
	pattern.lastIndex = start;
	for (let match = pattern.exec(header); match; match = pattern.exec(header)) {
		const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3].trim();
		found.push({ name: match[1].toLowerCase(), value });
	}
	return found;
}

/** RFC 8187 `utf-8''%C3%9C…`; undefined when it is not one. */
function decodeExtended(value: string): string | undefined {
	const match = /^utf-8'[^']*'(.*)$/i.exec(value);
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return undefined;
	}
}

/** RFC 2047 encoded words (`=?utf-8?B?…?=` / `?Q?`); other text is left as it is. */
function decodeEncodedWords(value: string): string {
	return value.replace(
		/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi,
		(_, charset: string, encoding: string, text: string) => {
			const bytes =
				encoding.toUpperCase() === 'B'
					? Buffer.from(text, 'base64')
					: Buffer.from(
							text
								.replace(/_/g, ' ')
								.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
									String.fromCharCode(parseInt(hex, 16)),
								),
							'latin1',
						);
			return bytes.toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1');
		},
	);
}

/** A naive reader: splits on `;`, takes the first `filename` or `filename*` it meets, strips the quotes and decodes that form. */
export function firstParameterReader(header: string): string | undefined {
	const segment = header
		.split(';')
		.map((part) => part.trim())
		.find((part) => /^filename\*?=/i.test(part));
	if (!segment) return undefined;
	const [name, ...rest] = segment.split('=');
	const value = rest.join('=').replace(/^"(.*)"$/s, '$1');
	return name.endsWith('*') ? decodeExtended(value) : decodeEncodedWords(value);
}

/** An RFC 6266 reader: `filename*` when present and readable, else `filename` as written (no RFC 2047). */
export function rfc6266Reader(header: string): string | undefined {
	const found = parameters(header);
	const extended = found.find((p) => p.name === 'filename*');
	const decoded = extended && decodeExtended(extended.value);
	return decoded ?? found.find((p) => p.name === 'filename')?.value;
}

/** .NET's `ContentDispositionHeaderValue.FileName`: the `filename` parameter only, RFC 2047 encoded words decoded. */
export function rfc2047Reader(header: string): string | undefined {
	const plain = parameters(header).find((p) => p.name === 'filename');
	return plain && decodeEncodedWords(plain.value);
}

/** The Content-Disposition header of every file part of a buffered multipart body, in order. */
export function fileDispositions(body: Buffer, contentType: string): string[] {
	const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!boundary) return [];
	const delimiter = `--${boundary[1] ?? boundary[2]}\r\n`;
	const text = body.toString('latin1');
	const headers: string[] = [];
	for (
		let at = text.indexOf(delimiter);
		at >= 0;
		at = text.indexOf(delimiter, at + delimiter.length)
	) {
		const end = text.indexOf('\r\n\r\n', at);
		if (end < 0) break;
		const block = Buffer.from(text.slice(at + delimiter.length, end), 'latin1').toString('utf8');
		const disposition = block.split('\r\n').find((line) => /^content-disposition:/i.test(line));
		if (disposition && /filename/i.test(disposition))
			headers.push(disposition.replace(/^content-disposition:\s*/i, ''));
	}
	return headers;
}

/** The name every reader agrees on, or the readings when they differ. */
export function agreedFileName(header: string): {
	name?: string;
	readings: Record<string, string | undefined>;
} {
	const readings = {
		firstParameter: firstParameterReader(header),
		rfc6266: rfc6266Reader(header),
		rfc2047: rfc2047Reader(header),
	};
	const values = new Set(Object.values(readings));
	return { name: values.size === 1 ? [...values][0] : undefined, readings };
}
