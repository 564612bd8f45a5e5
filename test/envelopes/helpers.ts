import type { WorkflowRun } from '../../harness/engine';

/** The output hints (warnings) the Coreplus node left in its run. */
export function hintsOf(result: WorkflowRun, nodeName = 'coreplus'): string[] {
	const hints = result.run.data.resultData.runData[nodeName]?.[0]?.hints ?? [];
	return hints.map((hint) => hint.message);
}
