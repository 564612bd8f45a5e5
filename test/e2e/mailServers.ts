/*
 * The mail servers of one end-to-end run, started and stopped together: the SMTP server always
 * (Send Email nodes deliver to it), dovecot only when an example reads mail (Email Trigger (IMAP)),
 * where the referral email arrives while the reading workflow listens.
 */
import { LoopbackImapServer } from './imapServer';
import type { MailServerCredentials } from './mail';
import { referralMessage } from './referralMail';
import { LoopbackSmtpServer } from './smtpServer';
import type { ExampleWorkflow } from './workflows';

export const IMAP_TRIGGER_TYPE = 'n8n-nodes-base.emailReadImap';

const readsMail = (example: ExampleWorkflow) =>
	example.nodes.some((node) => node.type === IMAP_TRIGGER_TYPE);

export class MailServers {
	readonly smtp = new LoopbackSmtpServer();
	imap?: LoopbackImapServer;

	static async start(
		examples: ExampleWorkflow[],
		log: (text: string) => void,
	): Promise<MailServers> {
		const servers = new MailServers();
		try {
			await servers.smtp.start();
			log(`SMTP server (smtp-server) on 127.0.0.1:${servers.smtp.port}`);
			if (examples.some(readsMail)) {
				const imap = (servers.imap = await new LoopbackImapServer().start());
				log(
					`IMAP server (dovecot) on 127.0.0.1:${imap.port}; the referral email arrives once the reading workflow listens`,
				);
			}
		} catch (error) {
			await servers.stop();
			throw error;
		}
		return servers;
	}

	/** Before `example` runs: when it reads mail, the referral email arrives once it logs in. */
	expectReader(example: ExampleWorkflow, log: (text: string) => void): void {
		if (!this.imap || !readsMail(example)) return;
		this.imap.deliverAfterLogin(referralMessage()).then(
			() => log('IMAP: the referral email arrived in the inbox'),
			(error: Error) => log(`IMAP: the referral email was not delivered: ${error.message}`),
		);
	}

	credentials(): MailServerCredentials {
		return { smtp: this.smtp.credentialData(), imap: this.imap?.credentialData() };
	}

	async stop(): Promise<void> {
		await this.smtp.stop();
		await this.imap?.stop();
	}
}
