/* The whiteboard arrows, held by a test: the product never reaches into
 * the tools around it, the tools never into the tests, and inside the node the layers only point
 * down (actions → helpers → transport). Imports are read with the TypeScript parser: `import`,
 * `export … from`, `require()` and `import()`. */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const SCANNED = ['nodes', 'credentials', 'scripts', 'emulator', 'harness'];

interface Rule {
	/** Files the rule applies to (paths relative to the repository, with `/`). */
	from: RegExp;
	/** Folders those files must not import from. */
	notInto: RegExp;
	why: string;
}

const under = (...folders: string[]) => new RegExp(`^(${folders.join('|')})(/|$)`);
const RULES: Rule[] = [
	{
		from: under('nodes', 'credentials'),
		notInto: under('scripts', 'emulator', 'harness', 'test'),
		why: 'the product ships alone',
	},
	{
		from: under('scripts', 'emulator', 'harness'),
		notInto: under('test'),
		why: 'tools do not depend on tests',
	},
	{
		from: under('nodes/Coreplus/helpers', 'nodes/Coreplus/transport'),
		notInto: under('nodes/Coreplus/actions'),
		why: 'helpers and transport sit below the actions',
	},
	{
		from: under('nodes/Coreplus/transport'),
		notInto: under('nodes/Coreplus/helpers', 'nodes/Coreplus/actions'),
		why: 'transport is the bottom layer',
	},
];

/** Crossings allowed as exceptions: none. Anything added here needs a reason next to it. */
const KNOWN_CROSSINGS: string[] = [];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
		return /\.(ts|js)$/.test(entry.name) ? [full] : [];
	});
}

const isRequireOrImport = (call: ts.CallExpression) =>
	call.expression.kind === ts.SyntaxKind.ImportKeyword ||
	(ts.isIdentifier(call.expression) && call.expression.text === 'require');

/** Every module specifier one file names. */
function specifiersOf(file: string): string[] {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		const declared =
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier;
		if (declared && ts.isStringLiteral(declared)) found.push(declared.text);
		if (ts.isCallExpression(node) && isRequireOrImport(node)) {
			const [first] = node.arguments;
			if (first && ts.isStringLiteralLike(first)) found.push(first.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** `from -> to` for every relative import, both as paths relative to the repository. */
function relativeImports(): Array<{ from: string; to: string }> {
	const repoPath = (absolute: string) => path.relative(ROOT, absolute).split(path.sep).join('/');
	return SCANNED.flatMap((folder) => sourceFiles(path.join(ROOT, folder))).flatMap((file) =>
		specifiersOf(file)
			.filter((specifier) => specifier.startsWith('.'))
			.map((specifier) => ({
				from: repoPath(file),
				to: repoPath(path.resolve(path.dirname(file), specifier)),
			})),
	);
}

function crossings(imports = relativeImports()): string[] {
	const crossing = ({ from, to }: { from: string; to: string }) =>
		RULES.some((rule) => rule.from.test(from) && rule.notInto.test(to));
	return [...new Set(imports.filter(crossing).map(({ from, to }) => `${from} -> ${to}`))].sort();
}

describe('import boundaries', () => {
	it('only the known crossings exist', () => {
		expect(crossings()).toEqual([...KNOWN_CROSSINGS].sort());
	});

	it('reads every kind of import and applies each rule', () => {
		const imports = relativeImports();
		// The credential's import of the transport is read (an `import` declaration).
		expect(imports).toContainEqual({
			from: 'credentials/CoreplusApi.credentials.ts',
			to: 'nodes/Coreplus/transport/signing',
		});
		// `require()` in plain JS scripts is read too.
		expect(imports).toContainEqual({
			from: 'scripts/release-check.js',
			to: 'scripts/scan-package',
		});
		const made = [
			{ from: 'nodes/Coreplus/actions/x.ts', to: 'emulator/server' },
			{ from: 'harness/engine.ts', to: 'test/support/x' },
			{ from: 'nodes/Coreplus/transport/x.ts', to: 'nodes/Coreplus/helpers/ids' },
			{ from: 'nodes/Coreplus/helpers/x.ts', to: 'nodes/Coreplus/actions' },
			{ from: 'nodes/Coreplus/actions/x.ts', to: 'nodes/Coreplus/helpers/ids' },
			{ from: 'scripts/demo/run.ts', to: 'emulator/server' },
		];
		expect(crossings(made)).toEqual([
			'harness/engine.ts -> test/support/x',
			'nodes/Coreplus/actions/x.ts -> emulator/server',
			'nodes/Coreplus/helpers/x.ts -> nodes/Coreplus/actions',
			'nodes/Coreplus/transport/x.ts -> nodes/Coreplus/helpers/ids',
		]);
	});
});
