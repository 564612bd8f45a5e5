import { removeTempRoot } from './tempRoot';

/** Runs once after all test files: nothing the tests wrote to the temporary folder stays behind. */
export default function globalTeardown(): void {
	removeTempRoot();
}
