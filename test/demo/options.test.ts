import { DEMO_USAGE, parseDemoArguments } from '../../scripts/demo/options';

test("the demo's usage line names -- once and every option in it is accepted", () => {
	const [line] = DEMO_USAGE.split('\n');
	expect(line).toMatch(/^Usage: npm run demo -- \[/);
	expect(line.match(/--(?=\s)/g)).toHaveLength(1);
	const flags = [...line.matchAll(/\[(--[\w-]+)\]/g)].map(([, flag]) => flag);
	expect(flags).toEqual(['--book', '--any-client', '--any-location', '--help']);
	expect(parseDemoArguments(flags)).toEqual({
		help: true,
		book: true,
		anyClient: true,
		anyLocation: true,
	});
	expect(() => parseDemoArguments(['--yes'])).toThrow(/Unknown argument "--yes"\nUsage:/);
});
