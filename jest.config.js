/** Tests run TypeScript directly (type checking is done once by `tsc --noEmit` in `npm test`). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/harness/setup.ts'],
	globalSetup: '<rootDir>/test/support/globalSetup.ts',
	globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { isolatedModules: true } }],
	},
	testTimeout: 60_000,
	// Four workers on CI's two cores: the suites mostly wait (coreplus' 10 requests/second pacing,
	// retry waits), using about a third of two cores with two workers; four halve the wall time.
	maxWorkers: 4,
};
