import type { INode } from 'n8n-workflow';

import { CoreplusEmulator, type EmulatorOptions } from '../emulator/server';
import { node, runWorkflow, type RunOptions } from './engine';

/** Starts an emulator for a test file and stops it afterwards. */
export function useEmulator(options: EmulatorOptions = {}) {
	const holder: { emulator: CoreplusEmulator } = {} as never;
	beforeAll(async () => {
		holder.emulator = await new CoreplusEmulator(options).start();
	});
	afterAll(async () => {
		await holder.emulator.stop();
	});
	beforeEach(() => {
		holder.emulator.resetLog();
		holder.emulator.clearFaults();
	});
	return holder;
}

/** A Coreplus node with the given parameters and the test credential. */
export function coreplusNode(parameters: INode['parameters'], extra: Partial<INode> = {}): INode {
	return node({
		name: 'coreplus',
		type: 'n8n-nodes-coreplus.coreplus',
		parameters,
		credentials: { coreplusApi: { id: '1', name: 'coreplus test' } },
		...extra,
	});
}

/** Runs one Coreplus node against the emulator with the given input items. */
export async function runCoreplus(
	emulator: CoreplusEmulator,
	parameters: INode['parameters'],
	options: Partial<RunOptions> & {
		credentialOverrides?: Record<string, unknown>;
		nodeExtra?: Partial<INode>;
	} = {},
) {
	const credentials = {
		coreplusApi: { ...emulator.credentials(), ...options.credentialOverrides } as never,
	};
	return await runWorkflow({
		nodes: [coreplusNode(parameters, options.nodeExtra)],
		credentials,
		...options,
	});
}

/**
 * Fakes Date alone, from `now` on (it keeps running unless `stopped`): timers, sockets and
 * performance stay real.
 */
export function fakeDateOnly(now: number, stopped = false): void {
	jest.useFakeTimers({
		now,
		advanceTimers: !stopped,
		doNotFake: [
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'setImmediate',
			'clearImmediate',
			'nextTick',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
}
