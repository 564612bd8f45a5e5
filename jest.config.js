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
	// Both cores: most suites wait on HTTP to the emulator, so two workers halve the wall time.
	maxWorkers: 2,
};
