#!/usr/bin/env node
/*
 * The longest functions of the product code (nodes/ and credentials/), found with the TypeScript
 * compiler's own parser: every function-like node with a body (declarations, methods, arrow
 * functions, function expressions, constructors, accessors), measured from its first to its last
 * line. A nested function counts on its own and inside its parent.
 *
 *   node scripts/longest-functions.js            the 10 longest
 *   node scripts/longest-functions.js --top=25   the 25 longest
 *   node scripts/longest-functions.js --max=60   also exits 1 when any is longer than 60 lines
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const PRODUCT_FOLDERS = ['nodes', 'credentials'];

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [full] : [];
	});
}

/** A readable name: the function's own, else what it is assigned to or passed as. */
function nameOf(node) {
	if (node.name && ts.isIdentifier(node.name)) return node.name.text;
	if (ts.isConstructorDeclaration(node)) return 'constructor';
	const parent = node.parent;
	if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) {
		if (ts.isIdentifier(parent.name)) return parent.name.text;
	}
	if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText()})`;
	return '(anonymous)';
}

/** Every function-like node with a body in one file, with its line span. */
function functionsIn(file) {
	const text = fs.readFileSync(file, 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found = [];
	const visit = (node) => {
		if (ts.isFunctionLike(node) && node.body) {
			const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
			const last = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
			found.push({
				file: path.relative(ROOT, file),
				line: first,
				name: nameOf(node),
				lines: last - first + 1,
			});
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

function optionValue(argv, name) {
	const option = argv.find((arg) => arg.startsWith(`--${name}=`));
	if (option === undefined) return undefined;
	const value = Number(option.slice(name.length + 3));
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(`--${name} takes a whole number of lines above 0, not "${option}"`);
	}
	return value;
}

/** All product functions, longest first. */
function longestFunctions(root = ROOT) {
	return PRODUCT_FOLDERS.flatMap((folder) => sourceFiles(path.join(root, folder)))
		.flatMap(functionsIn)
		.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
}

const describe = (fn) => `${String(fn.lines).padStart(4)} lines  ${fn.name}  ${fn.file}:${fn.line}`;

function main(argv) {
	const max = optionValue(argv, 'max');
	const top = optionValue(argv, 'top') ?? 10;
	const all = longestFunctions();
	console.log(
		`The ${Math.min(top, all.length)} longest of ${all.length} functions in nodes/ and credentials/:`,
	);
	for (const fn of all.slice(0, top)) console.log(describe(fn));
	if (max === undefined) return 0;
	const over = all.filter((fn) => fn.lines > max);
	if (!over.length) {
		console.log(`None is over ${max} lines.`);
		return 0;
	}
	console.error(`${over.length} function(s) over ${max} lines:`);
	for (const fn of over) console.error(describe(fn));
	return 1;
}

module.exports = { longestFunctions };

if (require.main === module) {
	try {
		process.exitCode = main(process.argv.slice(2));
	} catch (error) {
		console.error(error.message);
		process.exitCode = 2;
	}
}
