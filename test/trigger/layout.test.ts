import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The trigger folder has no import circle; its vocabulary (types.ts) imports none of it. */
const FOLDER = join(__dirname, '../../nodes/CoreplusTrigger');

function localImports(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of readdirSync(FOLDER).filter((name) => name.endsWith('.ts'))) {
		const text = readFileSync(join(FOLDER, file), 'utf8');
		const imports = [...text.matchAll(/from '\.\/([\w.]+)'/g)].map((match) => match[1]);
		graph.set(file.replace(/\.ts$/, ''), imports);
	}
	return graph;
}

function cycleFrom(
	graph: Map<string, string[]>,
	start: string,
	path: string[] = [],
): string[] | undefined {
	if (path.includes(start)) return [...path.slice(path.indexOf(start)), start];
	for (const next of graph.get(start) ?? []) {
		const cycle = cycleFrom(graph, next, [...path, start]);
		if (cycle) return cycle;
	}
	return undefined;
}

test('no module of the trigger folder imports itself back, even through types', () => {
	const graph = localImports();
	expect(graph.size).toBeGreaterThan(10);
	const cycles = [...graph.keys()].map((module) => cycleFrom(graph, module)).filter(Boolean);
	expect(cycles).toEqual([]);
	expect(graph.get('types')).toEqual([]);
	// The diff is pure: it depends on the vocabulary and the fingerprint rules only.
	expect(
		graph.get('events')?.every((module) => ['types', 'fingerprint', 'plan'].includes(module)),
	).toBe(true);
});
