import { filePartHeader, PART_HEADER_LIMIT } from './multipartBody';

/** A rule a file name must meet before it is sent, and why (the error names both). */
interface FileNameRule {
	breaks(name: string, field: string, mimeType: string): boolean;
	rule: string;
}

// coreplus runs on .NET and Windows: what they would refuse or read as another name is refused
// here, before the upload, so that no file is sent only to be refused (or filed under another name).
const RULES: FileNameRule[] = [
	{ breaks: (name) => !name.trim(), rule: 'it is empty' },
	{
		breaks: (name) => /[\\/\r\n]/.test(name),
		rule: 'it contains a slash, a backslash or a line break (it would be read as a path or break the header)',
	},
	{
		breaks: (name) => name.includes(':'),
		rule: 'it contains a colon (Windows reads "name:stream" as a hidden stream of the file "name")',
	},
	{
		breaks: (name) => /^\.+$/.test(name),
		rule: 'it is only dots ("." and ".." name folders, not files)',
	},
	{
		breaks: (name) => /[. ]$/.test(name),
		rule: 'it ends with a dot or a space (Windows drops them, so the file would get another name)',
	},
	{
		// In a `u` pattern a surrogate range matches only a surrogate that is not part of a pair.
		breaks: (name) => /[\uD800-\uDFFF]/u.test(name),
		rule: 'it contains a lone surrogate (half of a character, not valid Unicode text), which would arrive as "�"',
	},
	{
		breaks: (name, field, mimeType) =>
			Buffer.byteLength(filePartHeader(field, { fileName: name, mimeType })) > PART_HEADER_LIMIT,
		rule: `it is too long: the file's part header (the name written twice, encoded) would exceed the ${PART_HEADER_LIMIT} bytes a multipart reader accepts`,
	},
];

/** The first rule the name breaks, in words; undefined when the name can be sent as it is. */
export function fileNameProblem(name: string, field: string, mimeType: string): string | undefined {
	return RULES.find((rule) => rule.breaks(name, field, mimeType))?.rule;
}
