import { DateTime } from 'luxon';
import type { IDataObject, INode } from 'n8n-workflow';

import { readState } from '../../nodes/CoreplusTrigger/state';
import type { AppointmentState } from '../../nodes/CoreplusTrigger/types';
import type { CoreplusEmulator } from '../../emulator/server';
import { PolledWorkflow, type PollOutcome } from '../../harness/poll';

export { fakeDateOnly } from '../../harness/helpers';

/** A wall-clock time `days` from now at a Sydney clinic (10 am unless said), as the practice books it. */
export const daysAhead = (days: number, hour = 10) =>
	DateTime.now()
		.setZone('Australia/Sydney')
		.plus({ days })
		.set({ hour, minute: 0, second: 0, millisecond: 0 });

export const TRIGGER_TYPE = 'n8n-nodes-coreplus.coreplusTrigger';
export const ALL_EVENTS = [
	'newAppointment',
	'appointmentUpdated',
	'appointmentCancelled',
	'newClient',
];

/** A workflow with an active coreplus Trigger pointed at the emulator. */
export function activeTrigger(
	emulator: CoreplusEmulator,
	parameters: INode['parameters'],
): PolledWorkflow {
	return new PolledWorkflow(TRIGGER_TYPE, parameters, {
		coreplusApi: emulator.credentials() as never,
	});
}

/** Polls and fails the test with the node's own error if the poll threw. */
export async function pollOk(workflow: PolledWorkflow): Promise<IDataObject[] | null> {
	const outcome: PollOutcome = await workflow.poll();
	if (outcome.error) throw outcome.error;
	return outcome.items;
}

/** `event:id` of each item, the shortest readable form of "what was emitted, in order". */
export function summary(items: IDataObject[] | null): string[] {
	return (items ?? []).map((item) => {
		const record = item.record as IDataObject;
		return `${String(item.event)}:${String(record.appointmentId ?? record.clientId)}`;
	});
}

/** The trigger's appointment memory, decoded by the node's own reader (entries by appointment id). */
export function storedAppointments(workflow: PolledWorkflow): AppointmentState {
	return readState(workflow.staticData).appointments!;
}

export interface StoredClients {
	total: number;
	tailStart: number;
	tail: string[];
	known: string;
}

export function storedClients(workflow: PolledWorkflow): StoredClients {
	return (workflow.staticData.coreplusTrigger as IDataObject).clients as unknown as StoredClients;
}

/**
 * The same workflow in a new n8n process: a fresh copy of the node's modules (nothing kept in
 * memory) and the static data as n8n saved it to its database before it died.
 */
export function afterRestart(workflow: PolledWorkflow, emulator: CoreplusEmulator): PolledWorkflow {
	let Fresh: typeof PolledWorkflow | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		Fresh = (require('../../harness/poll') as typeof import('../../harness/poll')).PolledWorkflow;
	});
	const saved = JSON.parse(JSON.stringify(workflow.workflow.staticData)) as IDataObject;
	return new Fresh!(
		TRIGGER_TYPE,
		workflow.node.parameters,
		{ coreplusApi: emulator.credentials() as never },
		{ id: workflow.workflow.id, staticData: saved },
	);
}
