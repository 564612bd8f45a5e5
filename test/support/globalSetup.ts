import { createTempRoot } from './tempRoot';

/** Runs once before all test files, in jest's parent process: workers start after it and inherit TMPDIR. */
export default function globalSetup(): void {
	createTempRoot();
}
