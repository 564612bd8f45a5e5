import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { addClient } from '../../emulator/mutations';
import { useEmulator } from '../../harness/helpers';
import { activeTrigger, pollOk, storedClients, summary } from './helpers';

// 250 clients: three pages, so that the tail, the middle and page boundaries all differ.
const env = useEmulator({ clients: 250 });
const pages = () => env.emulator.apiRequests('client').map((r) => r.query.get('pageNumber'));

function newClientTrigger() {
	return activeTrigger(env.emulator, { events: ['newClient'] });
}

test('quiet polls read page 1 and the last page, and leave the stored state untouched', async () => {
	const { emulator } = env;
	const trigger = newClientTrigger();
	expect(await pollOk(trigger)).toBeNull();
	const stored = trigger.staticData.coreplusTrigger;
	emulator.resetLog();
	for (let poll = 0; poll < 3; poll++) expect(await pollOk(trigger)).toBeNull();
	expect(pages()).toEqual(['1', '3', '1', '3', '1', '3']);
	expect(trigger.staticData.coreplusTrigger).toBe(stored);
	expect(JSON.stringify(stored).length).toBeLessThan(
		200 + 7 * emulator.data.clients.length + 40 * 100,
	);
});

test('clients added at the end are told once, in at most 3 requests', async () => {
	const { emulator } = env;
	const trigger = newClientTrigger();
	expect(await pollOk(trigger)).toBeNull();
	const total = emulator.data.clients.length;
	// Enough new clients to cross into a new page.
	const added = Array.from({ length: 100 - (total % 100) + 1 }, () => addClient(emulator.data));
	emulator.resetLog();
	expect(summary(await pollOk(trigger))).toEqual(
		added.map((client) => `newClient:${client.clientId}`),
	);
	expect(emulator.apiRequests('client').length).toBeLessThanOrEqual(3);
	expect(storedClients(trigger).total).toBe(emulator.data.clients.length);
	expect(await pollOk(trigger)).toBeNull();
});

test('a client added in the middle of the list, a client deleted, a list reordered: each new client told exactly once', async () => {
	const { emulator } = env;
	const { clients } = emulator.data;
	const trigger = newClientTrigger();
	expect(await pollOk(trigger)).toBeNull();

	const middle = addClient(emulator.data);
	clients.splice(clients.indexOf(middle), 1);
	clients.splice(120, 0, middle);
	expect(summary(await pollOk(trigger))).toEqual([`newClient:${middle.clientId}`]);
	expect(await pollOk(trigger)).toBeNull();

	clients.splice(30, 1);
	const afterDeletion = addClient(emulator.data);
	expect(summary(await pollOk(trigger))).toEqual([`newClient:${afterDeletion.clientId}`]);
	expect(await pollOk(trigger)).toBeNull();

	clients.reverse();
	expect(await pollOk(trigger)).toBeNull();
	const afterReorder = addClient(emulator.data);
	expect(summary(await pollOk(trigger))).toEqual([`newClient:${afterReorder.clientId}`]);
	for (let poll = 0; poll < 3; poll++) expect(await pollOk(trigger)).toBeNull();
});

test('a listing that misses a client (rows shifting while paging) forgets nothing: no false new client later', async () => {
	const { emulator } = env;
	const { clients } = emulator.data;
	clients.splice(200);
	const trigger = newClientTrigger();
	expect(await pollOk(trigger)).toBeNull();

	// A deletion makes the next poll read the whole list; while page 2 is read, the last client
	// moves to the front, so page 2 repeats a row of page 1 and that client is never read.
	clients.splice(50, 1);
	emulator.injectFault({
		kind: 'changingTotal',
		path: 'client',
		pageNumber: 2,
		change: (data) => data.clients.unshift(data.clients.pop()!),
	});
	expect(await pollOk(trigger)).toBeNull();
	expect(await pollOk(trigger)).toBeNull();
	expect(await pollOk(trigger)).toBeNull();
});

test('a client deleted before the read position and another added after it while the pages are read: the one shifted out of sight is not forgotten, nor told as new later', async () => {
	const { emulator } = env;
	const { clients } = emulator.data;
	clients.splice(200);
	const trigger = newClientTrigger();
	expect(await pollOk(trigger)).toBeNull();

	// A deletion on page 2 makes the next poll read the whole list (the total shrank). While its
	// page 2 is read, a client on page 1 is deleted and one is added at the end: the totals still
	// agree, every row is read once, and the client that moved from page 2 to page 1 is not read.
	clients.splice(150, 1);
	const added: Array<ReturnType<typeof addClient>> = [];
	emulator.injectFault({
		kind: 'changingTotal',
		path: 'client',
		pageNumber: 2,
		change: (data) => {
			data.clients.splice(10, 1);
			added.push(addClient(data));
		},
	});
	expect(summary(await pollOk(trigger))).toEqual([`newClient:${added[0].clientId}`]);
	for (let poll = 0; poll < 3; poll++) expect(await pollOk(trigger)).toBeNull();
	// Deleted for good: nothing is told; it is forgotten once two complete listings miss it (the
	// hourly reconciliation), so the memory holds at most the few missed ones beyond the list.
	clients.splice(20, 1);
	for (let poll = 0; poll < 3; poll++) expect(await pollOk(trigger)).toBeNull();
	expect(storedClients(trigger).known.length).toBeLessThanOrEqual(7 * (clients.length + 3));
});

test('a client list answered under another key is read, with a notice in the log', async () => {
	const { emulator } = env;
	emulator.envelopes.set({ path: 'client', variant: 'renamedKey' });
	const warn = jest.spyOn(Container.get(Logger), 'warn');
	try {
		const trigger = newClientTrigger();
		expect(await pollOk(trigger)).toBeNull();
		const added = addClient(emulator.data);
		expect(summary(await pollOk(trigger))).toEqual([`newClient:${added.clientId}`]);
		expect(warn.mock.calls.map(([message]) => String(message))).toContain(
			'coreplus answered GET Client/ without a "clients" list (keys received: data, paging, statusMessages); the node read the rows from "data"',
		);
	} finally {
		warn.mockRestore();
		emulator.envelopes.clear();
	}
});
