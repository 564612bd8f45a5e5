/*
 * A real SMTP server on loopback for the end-to-end run (npm's `smtp-server`, the one nodemailer's
 * authors maintain): n8n's Send Email node delivers to it over SMTP, and every message is parsed
 * (`mailparser`) and kept, so the run can check recipients, text and attachments.
 */
import { createHash } from 'node:crypto';

import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { freePort } from './editor';

export interface ReceivedMail {
	from: string;
	/** Envelope recipients (RCPT TO), lower case. */
	to: string[];
	subject: string;
	text: string;
	attachments: Array<{ name: string; size: number; sha256: string }>;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
	(Array.isArray(value) ? value : value ? [value] : []).flatMap((group) =>
		group.value.map((a) => a.address ?? ''),
	);

export class LoopbackSmtpServer {
	readonly messages: ReceivedMail[] = [];
	port = 0;
	private server?: SMTPServer;

	async start(): Promise<this> {
		this.port = await freePort();
		this.server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onData: (stream, session, done) => {
				simpleParser(stream)
					.then((mail) => {
						this.messages.push({
							from:
								addresses(mail.from)[0] ??
								String(session.envelope.mailFrom && session.envelope.mailFrom.address),
							to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
							subject: mail.subject ?? '',
							text: mail.text ?? '',
							attachments: mail.attachments.map((a) => ({
								name: a.filename ?? '',
								size: a.content.length,
								sha256: createHash('sha256').update(a.content).digest('hex'),
							})),
						});
						done();
					})
					.catch((error: Error) => done(error));
			},
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(this.port, '127.0.0.1', () => resolve());
		});
		return this;
	}

	/** The n8n `smtp` credential for this server: plain SMTP on loopback, no login. */
	credentialData() {
		return {
			host: '127.0.0.1',
			port: this.port,
			secure: false,
			disableStartTls: true,
			user: '',
			password: '',
		};
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
