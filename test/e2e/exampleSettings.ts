/*
 * Examples start with a Set node ("Set these first") holding the account's ids, empty in the repo so
 * that an imported example asks the user for them instead of carrying emulator ids in its nodes.
 * Runs against the emulator (jest, `npm run test:e2e`, `npm run dev`) fill them from the example's own
 * `meta.emulatorSettings`: `{ "<Set node name>": { "<field>": "<value>" } }`. This is the only place
 * emulator ids reach an example.
 */

interface Assignment {
	name: string;
	value: unknown;
	[key: string]: unknown;
}

interface NodeLike {
	name: string;
	parameters?: object;
}

export type EmulatorSettings = Record<string, Record<string, unknown>>;

/** The nodes with each named Set node's fields filled; a name or field the workflow lacks is an error. */
export function withEmulatorSettings<N extends NodeLike>(
	nodes: N[],
	settings: EmulatorSettings | undefined,
	file = 'example',
): N[] {
	if (!settings) return nodes;
	for (const nodeName of Object.keys(settings)) {
		if (!nodes.some((node) => node.name === nodeName))
			throw new Error(`${file}: meta.emulatorSettings names no node "${nodeName}"`);
	}
	return nodes.map((node) => {
		const values = settings[node.name];
		if (!values) return node;
		const outer = (node.parameters as { assignments?: unknown } | undefined)?.assignments as
			{ assignments?: Assignment[] } | undefined;
		const assignments = outer?.assignments ?? [];
		for (const field of Object.keys(values)) {
			if (!assignments.some((a) => a.name === field))
				throw new Error(`${file}: Set node "${node.name}" has no field "${field}"`);
		}
		const filled = assignments.map((a) => (a.name in values ? { ...a, value: values[a.name] } : a));
		return {
			...node,
			parameters: { ...node.parameters, assignments: { ...outer, assignments: filled } },
		};
	});
}
