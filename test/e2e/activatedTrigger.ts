/*
 * The coreplus Trigger activated in the real n8n (`n8n start`, polling every minute), with a
 * workflow that POSTs every item it receives to a sink in this process: what the sink got is what
 * n8n delivered. Steps: the activation poll (baseline, nothing delivered); two bookings made
 * between polls (delivered once each); a quiet poll (nothing); one cancelled (`deleted: true`) and
 * one rescheduled (one Appointment Cancelled, one Appointment Updated, then nothing); a status
 * marked and an appointment booked to start in 4 minutes (one Appointment Status Changed, one
 * on-time Appointment Starting Soon); then, for a clean stop and for SIGKILLs at several moments
 * right after an emitting poll answered (one after a status change), a restart: every event must be
 * delivered, and any repeat must carry the same `eventId` and `redelivered: true`.
 *
 * Standalone: `npx ts-node --transpile-only --prefer-ts-exts test/e2e/activatedTrigger.ts`
 * (about 8.5 minutes on 2 cores: every step waits for n8n's next minute). Exits non-zero on failure.
 * Or `await activatedTriggerE2e()` from another runner.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { openSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

import { DateTime } from 'luxon';

import { book, move, setStatus } from '../../emulator/mutations';
import { CoreplusEmulator } from '../../emulator/server';
import { freePort } from './editor';
import type { N8nInstance } from './n8n';
import { CREDENTIAL, prepareN8n } from './setup';

const WORKFLOW_ID = 'e2eactivatedtrig';
const REMIND_BEFORE_MINUTES = 2;
const POLL_WAIT_MS = 150_000;
const started = Date.now();
const step = (text: string) =>
	console.log(`[trigger e2e ${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);

interface Delivered {
	event: string;
	eventId: string;
	redelivered?: boolean;
	timing?: string;
	record: { appointmentId: string };
}

/** Every item an execution of the workflow POSTed, in arrival order. */
async function startSink(): Promise<{ server: Server; url: string; items: Delivered[] }> {
	const items: Delivered[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			items.push(JSON.parse(body) as Delivered);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${port}/delivered`, items };
}

function workflow(sinkUrl: string) {
	return {
		id: WORKFLOW_ID,
		name: 'coreplus Trigger, activated',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'coreplus Trigger': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'trigger',
				name: 'coreplus Trigger',
				type: 'n8n-nodes-coreplus.coreplusTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: [
						'newAppointment',
						'appointmentUpdated',
						'appointmentCancelled',
						'appointmentStatusChanged',
						'appointmentStartingSoon',
					],
					remindBefore: REMIND_BEFORE_MINUTES,
					remindBeforeUnit: 'minutes',
				},
				credentials: { coreplusApi: CREDENTIAL },
			},
			{
				id: 'deliver',
				name: 'Deliver',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, 0],
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
				},
			},
		],
	};
}

// n8n's durable poll cursors, passed on when set in this process' environment:
// `N8N_POLLER_DURABLE_CURSORS_ENABLED=true N8N_SCHEDULER_ENABLED=true
// N8N_SCHEDULER_POLL_TRIGGERS_ENABLED=true N8N_USE_WORKFLOW_PUBLICATION_SERVICE=true npm run test:trigger`.
const PASSED_ON_ENV = [
	'N8N_POLLER_DURABLE_CURSORS_ENABLED',
	'N8N_SCHEDULER_ENABLED',
	'N8N_SCHEDULER_POLL_TRIGGERS_ENABLED',
	'N8N_USE_WORKFLOW_PUBLICATION_SERVICE',
];
const passedOn = () =>
	Object.fromEntries(
		PASSED_ON_ENV.filter((name) => process.env[name] !== undefined).map((name) => [
			name,
			process.env[name],
		]),
	);

/** `n8n start` until its REST API answers (the workflow is active from the start). */
async function startN8n(n8n: N8nInstance): Promise<ChildProcess> {
	const port = await freePort();
	const out = openSync(join(n8n.userFolder, 'n8n-trigger.log'), 'a');
	const child = n8n.spawn(
		['start'],
		{
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'info',
			...passedOn(),
		},
		['ignore', out, out],
	);
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode})`);
		if (
			await fetch(`http://localhost:${port}/rest/settings`).then(
				(r) => r.ok,
				() => false,
			)
		)
			return child;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	child.kill('SIGKILL');
	throw new Error('n8n did not start within 180 s');
}

async function stopN8n(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
	if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitFor(
	what: string,
	condition: () => boolean,
	timeoutMs = POLL_WAIT_MS,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** The whole scenario; throws on the first failure. The lead's `npm run test:e2e` can await it. */
export async function activatedTriggerE2e(): Promise<void> {
	const emulator = await new CoreplusEmulator().start();
	const sink = await startSink();
	const { n8n } = await prepareN8n(emulator, { workflows: [], log: step });
	let child: ChildProcess | undefined;
	const booked: string[] = [];
	const listRequests = () =>
		emulator.requests.filter((r) => /^appointment\/?$/i.test(r.path)).length;
	const bookOne = (days: number) => {
		const row = book(emulator.data, {
			start: DateTime.now()
				.setZone('Australia/Sydney')
				.plus({ days })
				.set({ hour: 9 + booked.length, minute: 0, second: 0 }),
		});
		booked.push(String(row.appointmentId));
	};
	const deliveredIds = () => new Set(sink.items.map((item) => item.record.appointmentId));
	/** Waits for one more poll, then checks that nothing beyond `expected` items was delivered. */
	const quietPoll = async (expected: number) => {
		const before = listRequests();
		await waitFor('a quiet poll', () => listRequests() > before);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		if (sink.items.length !== expected)
			throw new Error(
				`expected ${expected} delivered items after a quiet poll, got ${sink.items.length}`,
			);
	};
	try {
		await n8n.importJson('workflow', [workflow(sink.url)]);
		await n8n.run(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		child = await startN8n(n8n);
		// The first poll reads the diary twice (its baseline must miss nothing); a booking made
		// before the second reading is part of the baseline, not news.
		await waitFor('the activation poll', () => listRequests() >= 2);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		step('activated: baseline recorded');

		bookOne(2);
		bookOne(2);
		await waitFor('the bookings to be delivered', () =>
			booked.every((id) => deliveredIds().has(id)),
		);
		await quietPoll(2);
		step('two bookings delivered once each; the quiet poll delivered nothing');

		// Cancelled as public clients cancel (deleted: true), and rescheduled.
		emulator.data.appointments.find((row) => row.appointmentId === booked[0])!.deleted = true;
		move(
			emulator.data,
			booked[1],
			DateTime.now()
				.setZone('Australia/Sydney')
				.plus({ days: 4 })
				.set({ hour: 15, minute: 0, second: 0 }),
		);
		const told = (event: string, id: string) =>
			sink.items.filter((item) => item.event === event && item.record.appointmentId === id).length;
		await waitFor(
			'the cancellation and the reschedule',
			() =>
				told('appointmentCancelled', booked[0]) > 0 && told('appointmentUpdated', booked[1]) > 0,
		);
		await quietPoll(4);
		if (
			told('appointmentCancelled', booked[0]) !== 1 ||
			told('appointmentUpdated', booked[1]) !== 1
		)
			throw new Error('expected exactly one Appointment Cancelled and one Appointment Updated');
		step('a cancellation (deleted: true) and a reschedule delivered once each');

		// Attendance marked, and an appointment starting soon enough for its reminder.
		setStatus(emulator.data, booked[1], 'Did Not Arrive');
		const soon = String(
			book(emulator.data, {
				start: DateTime.now()
					.setZone('Australia/Sydney')
					.plus({ minutes: REMIND_BEFORE_MINUTES + 2 })
					.startOf('minute'),
			}).appointmentId,
		);
		await waitFor(
			'the status change and the reminder',
			() =>
				told('appointmentStatusChanged', booked[1]) > 0 &&
				told('appointmentStartingSoon', soon) > 0,
		);
		// Beside them: the status change as an Appointment Updated, and the new booking.
		await quietPoll(8);
		const reminder = sink.items.find((item) => item.event === 'appointmentStartingSoon');
		if (told('appointmentStatusChanged', booked[1]) !== 1 || reminder?.timing !== 'onTime')
			throw new Error('expected one Appointment Status Changed and one on-time reminder');
		step('a status change and an on-time Starting Soon reminder delivered once each');

		// A clean stop and restarts after SIGKILLs a few milliseconds after the emitting poll's list was answered.
		// One of them right after a poll that saw a status change.
		const marked: string[] = [];
		for (const [how, delayMs, change] of [
			['SIGTERM', 0, 'booking'],
			['SIGKILL', 0, 'booking'],
			['SIGKILL', 10, 'status'],
			['SIGKILL', 10, 'booking'],
			['SIGKILL', 30, 'booking'],
			['SIGKILL', 100, 'booking'],
		] as const) {
			if (change === 'booking') bookOne(3 + booked.length);
			else setStatus(emulator.data, booked[booked.length - 1], 'Attended');
			const target = booked[booked.length - 1];
			if (change === 'status') marked.push(target);
			const killed = new Promise<void>((resolve) => {
				emulator.injectFault({
					kind: 'changingTotal',
					path: 'appointment',
					change: () => {
						setTimeout(() => void stopN8n(child!, how).then(resolve), delayMs);
					},
				});
			});
			await Promise.race([
				killed,
				new Promise((_, reject) =>
					setTimeout(() => reject(new Error('no poll to interrupt')), POLL_WAIT_MS),
				),
			]);
			step(`${how} ${delayMs} ms after the poll that saw ${target} (${change})`);
			child = await startN8n(n8n);
			await waitFor(`${target} after the restart`, () =>
				change === 'status'
					? told('appointmentStatusChanged', target) > 0
					: deliveredIds().has(target),
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 5000));

		const missing = booked.filter((id) => !deliveredIds().has(id));
		const seen = new Set<string>();
		const badRepeats = sink.items.filter((item) => {
			const repeat = seen.has(item.eventId);
			seen.add(item.eventId);
			return repeat && !item.redelivered;
		});
		const repeats = sink.items.length - seen.size;
		step(
			`${booked.length} bookings, ${sink.items.length} items delivered, ${repeats} repeat(s) marked redelivered`,
		);
		if (missing.length) throw new Error(`never delivered: ${missing.join(', ')}`);
		if (badRepeats.length)
			throw new Error(
				`repeated without redelivered: ${badRepeats.map((item) => item.eventId).join(', ')}`,
			);
		const lifecycle = new Set([...booked.slice(0, 2), soon, ...marked]);
		if (
			sink.items.some(
				(item) => item.event !== 'newAppointment' && !lifecycle.has(item.record.appointmentId),
			)
		)
			throw new Error('an event other than newAppointment was delivered for a plain booking');
		step(
			'PASS: every booking delivered, repeats only as marked redeliveries with the same eventId',
		);
	} catch (error) {
		// n8n's own log goes with its user folder: its end is what explains a failure.
		const log = readFileSync(join(n8n.userFolder, 'n8n-trigger.log'), 'utf8').split('\n');
		step(`n8n's log, last 60 lines:\n${log.slice(-60).join('\n')}`);
		const polls = emulator.requests.filter((r) => /^location\/?$/i.test(r.path)).length;
		step(`the emulator saw ${polls} poll(s); the sink got ${sink.items.length} item(s)`);
		throw error;
	} finally {
		if (child) await stopN8n(child, 'SIGTERM');
		sink.server.close();
		await emulator.stop();
		n8n.dispose();
	}
}

if (require.main === module) {
	activatedTriggerE2e().catch((error: Error) => {
		console.error(`[trigger e2e] FAIL: ${error.message}`);
		process.exitCode = 1;
	});
}
