import { Coreplus } from '../../nodes/Coreplus/Coreplus.node';

/** One node version before the first release, with Simplify on by default. */
describe('the Coreplus node has one version', () => {
	const { description } = new Coreplus();

	it('is version 1 only', () => {
		expect(description.version).toBe(1);
		expect(description.defaultVersion).toBeUndefined();
	});

	it('shows Simplify, on by default, whatever the version', () => {
		const toggles = description.properties.filter((property) => property.name === 'simplify');
		expect(toggles.length).toBeGreaterThan(0);
		for (const toggle of toggles) {
			expect(toggle.default).toBe(true);
			expect(JSON.stringify(toggle.displayOptions)).not.toContain('@version');
		}
	});
});
