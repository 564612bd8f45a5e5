/*
 * Mail in the end-to-end run: the SMTP credential examples' Send Email nodes use (pointed at the
 * loopback server, see smtpServer.ts), and the checks of `meta.e2e.expect.mails`.
 */
import assert from 'node:assert/strict';

import { outputOf } from './checks';
import type { ExecutionRun } from './n8n';
import type { ReceivedMail } from './smtpServer';

/** The ids example workflows use for the mail credentials; the run imports credentials of those ids. */
export const SMTP_CREDENTIAL = { id: 'smtpPlaceholder', name: 'SMTP account' };
export const IMAP_CREDENTIAL = { id: 'imapPlaceholder', name: 'IMAP account' };

/** Credential data for the loopback servers (their `credentialData()`). */
export interface MailServerCredentials {
	smtp?: object;
	imap?: object;
}

/** The mail credentials to import, pointed at the loopback servers. */
export function mailCredentials(servers: MailServerCredentials = {}) {
	return [
		...(servers.smtp ? [{ ...SMTP_CREDENTIAL, type: 'smtp', data: servers.smtp }] : []),
		...(servers.imap ? [{ ...IMAP_CREDENTIAL, type: 'imap', data: servers.imap }] : []),
	];
}

/** A message the SMTP server must have received during the run. */
export interface ExpectedMail {
	/** Envelope recipient. */
	to?: string;
	/**
	 * Or the recipient chosen by the record the run handled: `addresses[<field of node's first output item>]`
	 * (e.g. the practitioner of the appointment the trigger delivered → that practitioner's address).
	 */
	toLookup?: { node: string; field: string; addresses: Record<string, string> };
	/** Exactly this many messages to `to` (default 1). */
	count?: number;
	subjectContains?: string;
	/** Texts the body must contain, e.g. the practitioner's and the location's names. */
	contains?: string[];
	/**
	 * The body must contain these fields' values from the first output item of `node` (e.g. the
	 * booking's `practitionerName`, `locationName`, `startLocal`): the mail carries what coreplus answered.
	 * With `recipientField`, from the item whose that field is this mail's recipient instead (one
	 * mail per item: each patient's own appointment).
	 */
	containsValuesOf?: { node: string; fields: string[]; recipientField?: string };
}

function recipientOf(run: ExecutionRun, mail: ExpectedMail): string {
	if (mail.to) return mail.to;
	assert.ok(mail.toLookup, 'an expected mail needs "to" or "toLookup"');
	const key = String(outputOf(run, mail.toLookup.node)[0]?.[mail.toLookup.field]);
	const address = mail.toLookup.addresses[key];
	assert.ok(
		address,
		`toLookup has no address for ${mail.toLookup.field} "${key}" of "${mail.toLookup.node}"`,
	);
	return address;
}

/** The item whose values the mail to `to` must carry. */
function sourceItem(
	run: ExecutionRun,
	source: NonNullable<ExpectedMail['containsValuesOf']>,
	to: string,
): Record<string, unknown> {
	const items = outputOf(run, source.node);
	if (!source.recipientField) return items[0] ?? {};
	const field = source.recipientField;
	const item = items.find((candidate) => String(candidate[field]).toLowerCase() === to);
	assert.ok(item, `"${source.node}" has no item whose ${field} is ${to}`);
	return item;
}

export function assertMails(
	run: ExecutionRun,
	received: ReceivedMail[],
	expected: ExpectedMail[],
): void {
	const summary = () => JSON.stringify(received.map((m) => ({ to: m.to, subject: m.subject })));
	for (const mail of expected) {
		const to = recipientOf(run, mail).toLowerCase();
		const mine = received.filter((m) => m.to.includes(to));
		assert.equal(
			mine.length,
			mail.count ?? 1,
			`messages to ${to}; the SMTP server received: ${summary()}`,
		);
		const source = mail.containsValuesOf;
		const item = source ? sourceItem(run, source, to) : {};
		const values = (source?.fields ?? []).map((field) => {
			const value = item[field];
			assert.ok(
				typeof value === 'string' && value,
				`"${source!.node}" has no text "${field}" to look for in the mail`,
			);
			return value;
		});
		for (const message of mine) {
			for (const value of values)
				assert.ok(
					message.text.includes(value),
					`the message to ${to} should contain "${value}"; its text:\n${message.text}`,
				);
			if (mail.subjectContains)
				assert.ok(
					message.subject.includes(mail.subjectContains),
					`subject "${message.subject}" should contain "${mail.subjectContains}"`,
				);
			for (const text of mail.contains ?? [])
				assert.ok(
					message.text.includes(text),
					`the message to ${to} should contain "${text}"; its text:\n${message.text}`,
				);
		}
	}
}
