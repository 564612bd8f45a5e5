import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';

import { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { coreplusNode } from '../../harness/helpers';
import { jsonOf, runWorkflow } from '../../harness/engine';
import type { CheckRow } from './checks';

/** One Coreplus node run through n8n's engine; its items, or its error as a failure. */
async function step(
	credentials: ICredentialDataDecryptedObject,
	parameters: INode['parameters'],
	input?: Parameters<typeof runWorkflow>[0]['input'],
) {
	const result = await runWorkflow({
		nodes: [coreplusNode(parameters)],
		credentials: { coreplusApi: credentials },
		input,
	});
	if (result.error)
		throw new Error(
			`${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`,
		);
	const hints = result.run.data.resultData.runData.coreplus?.[0]?.hints ?? [];
	return { items: jsonOf(result.output('coreplus')), hints: hints.map((hint) => hint.message) };
}

const row = (
	endpoint: string,
	outcome: { node: string; hints?: string[]; fails?: boolean },
): CheckRow => ({
	endpoint,
	status: '(via n8n)',
	keys: '-',
	verdict: outcome.fails ? 'FAILS' : outcome.hints?.length ? 'differs, adapted' : 'holds',
	node: outcome.hints?.length
		? `${outcome.node}; warns: ${outcome.hints.join(' / ')}`
		: outcome.node,
});

/** `--book`: one real booking in the first free slot of the next 7 days, read back by id. */
export async function bookAndReadBack(
	credentials: ICredentialDataDecryptedObject,
): Promise<CheckRow[]> {
	try {
		const { items: locations } = await step(credentials, {
			resource: 'location',
			operation: 'getMany',
			returnAll: true,
		});
		const location =
			locations.find((l) => l.locationId === process.env.COREPLUS_DEMO_LOCATION_ID) ??
			locations.find((l) => l.timezoneId);
		if (!location)
			return [
				row('POST Appointment/ (--book)', {
					node: 'no location with a timezoneId to book at',
					fails: true,
				}),
			];
		const today = DateTime.utc().startOf('day');
		const { items: slots } = await step(credentials, {
			resource: 'availabilitySlot',
			operation: 'getMany',
			simplify: false,
			startDate: today.plus({ days: 1 }).toISODate(),
			endDate: today.plus({ days: 7 }).toISODate(),
			timeZoneSource: 'location',
			timeZoneLocationId: String(location.locationId),
			filters: { locationIds: [String(location.locationId)] },
			returnAll: false,
			limit: 1,
		});
		const [slot] = slots;
		if (!slot)
			return [
				row('POST Appointment/ (--book)', {
					node: `no free slot at ${String(location.name)} in the next 7 days`,
					fails: true,
				}),
			];
		const clientId =
			process.env.COREPLUS_DEMO_CLIENT_ID ??
			(
				await step(credentials, {
					resource: 'client',
					operation: 'getMany',
					simplify: false,
					returnAll: false,
					limit: 1,
				})
			).items[0]?.clientId;
		if (!clientId)
			return [
				row('POST Appointment/ (--book)', {
					node: 'the practice has no client to book',
					fails: true,
				}),
			];
		const booked = await step(credentials, {
			resource: 'appointment',
			operation: 'book',
			simplify: false,
			practitionerId: slot.practitionerId as string,
			locationId: slot.locationId as string,
			clientId: { __rl: true, mode: 'id', value: String(clientId) },
			start: slot.start as string,
			end: slot.end as string,
			additionalFields: { subject: 'n8n coreplus conformance check (safe to cancel)' },
		});
		const appointment = booked.items[0] as IDataObject;
		const rows = [
			row('POST Appointment/ (--book)', {
				node: `booked appointment ${String(appointment.appointmentId)} at ${String(appointment.start)}`,
				hints: booked.hints,
				fails: !appointment.appointmentId,
			}),
		];
		const readBack = await step(credentials, {
			resource: 'appointment',
			operation: 'get',
			simplify: false,
			appointmentId: String(appointment.appointmentId),
		});
		const same =
			readBack.items[0]?.appointmentId === appointment.appointmentId &&
			readBack.items[0]?.start === appointment.start;
		rows.push(
			row('GET Appointment/{id}/ (read back)', {
				node: same
					? 'reads the booking back: same id and start'
					: `read back a different record: ${JSON.stringify(readBack.items[0]).slice(0, 200)}`,
				hints: readBack.hints,
				fails: !same,
			}),
		);
		return rows;
	} catch (error) {
		return [
			row('POST Appointment/ (--book)', {
				node: `fails: ${(error as Error).message}`,
				fails: true,
			}),
		];
	}
}

const MIME_TYPES: Record<string, string> = {
	'.pdf': 'application/pdf',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.txt': 'text/plain',
};

/** `--message FILE`: sends one file as a message. */
export async function sendOneFile(
	credentials: ICredentialDataDecryptedObject,
	path: string,
): Promise<CheckRow> {
	try {
		const bytes = readFileSync(path);
		const fileName = basename(path);
		const binary = {
			data: bytes.toString('base64'),
			mimeType: MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
			fileName,
		};
		const sent = await step(
			credentials,
			{ resource: 'message', operation: 'send', sendingFacility: 'n8n coreplus conformance check' },
			[{ json: {}, binary: { data: binary } }],
		);
		return row('POST Message/ (--message)', {
			node: `sent "${fileName}" (${bytes.length} bytes); answer keys: ${Object.keys(sent.items[0] ?? {}).join(', ')}`,
			hints: sent.hints,
		});
	} catch (error) {
		return row('POST Message/ (--message)', {
			node: `fails: ${(error as Error).message}`,
			fails: true,
		});
	}
}
