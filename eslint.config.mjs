// n8n's own community-node rules, on what the rules are written for: the node and credential
// sources and package.json. Tests, scripts and the emulator are not part of the published package.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'scripts/**',
			'emulator/**',
			'harness/**',
			'*.js',
			'*.mjs',
		],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'], sourceType: 'module' },
		},
	},
	// n8n's config for packages installed on self-hosted n8n: this package has runtime dependencies,
	// which n8n Cloud never loads, so the Cloud-only import rule (it flags exactly those
	// dependencies) does not apply. Its globals rule does: no timers or process in node code.
	// Hence package.json's n8n.strict is false: n8n's tooling reads strict: true as "Cloud-eligible,
	// linted with n8n's unmodified default config", which this package cannot be.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: { '@n8n/community-nodes/no-restricted-globals': 'error' },
	},
	{
		files: ['package.json'],
		rules: {
			// The one deliberate exception: the design asks for jsonwebtoken (per-request signing),
			// form-data (multipart upload) and luxon (time zones) at run time. This keeps the package
			// out of n8n's "verified community node" listing (see README, "Running in real n8n").
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
