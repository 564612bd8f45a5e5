/*
 * A real IMAP server on loopback for the end-to-end run: Debian's dovecot (installed by
 * scripts/mail-servers.sh when missing), one instance with its own configuration, a free port,
 * plaintext login allowed (loopback only, no TLS), one user from a passwd-file and a Maildir
 * pre-filled with messages. n8n's Email Trigger (IMAP) reads them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './editor';

const DOVECOT = '/usr/sbin/dovecot';
const START_TIMEOUT_MS = 15_000;
/** Dovecot refuses mail access as root; the mailbox belongs to Debian's `mail` user. */
const MAIL_UID = 8;
const MAIL_GID = 8;

export const IMAP_USER = { user: 'referrals', password: 'loopback-test-only' };

export class LoopbackImapServer {
	port = 0;
	private dir = '';
	private process?: ChildProcess;

	private maildir = '';

	/** Starts dovecot with `messages` (raw RFC 5322 texts) waiting, unread, in the user's inbox. */
	async start(messages: string[] = []): Promise<this> {
		if (!existsSync(DOVECOT)) {
			const install = spawnSync(
				'bash',
				[join(__dirname, '..', '..', 'scripts', 'mail-servers.sh')],
				{ stdio: 'inherit' },
			);
			if (install.status !== 0 || !existsSync(DOVECOT))
				throw new Error('dovecot is missing and scripts/mail-servers.sh could not install it');
		}
		this.port = await freePort();
		this.dir = mkdtempSync(join(tmpdir(), 'coreplus-imap-'));
		chmodSync(this.dir, 0o755);
		const maildir = (this.maildir = join(this.dir, 'mail', IMAP_USER.user));
		for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
		// Messages in new/ are "recent" and unseen: what the Email Trigger fetches on connecting.
		messages.forEach((text, index) =>
			writeFileSync(
				join(maildir, 'new', `${1_700_000_000 + index}.M${index}P1.loopback`),
				text.replace(/\r?\n/g, '\r\n'),
			),
		);
		const chownTree = (path: string) => spawnSync('chown', ['-R', `${MAIL_UID}:${MAIL_GID}`, path]);
		chownTree(join(this.dir, 'mail'));
		writeFileSync(
			join(this.dir, 'users'),
			`${IMAP_USER.user}:{PLAIN}${IMAP_USER.password}:${MAIL_UID}:${MAIL_GID}::${maildir}::\n`,
		);
		writeFileSync(join(this.dir, 'dovecot.conf'), this.config());
		mkdirSync(join(this.dir, 'state'));
		chownSync(join(this.dir, 'users'), 0, 0);
		this.process = spawn(DOVECOT, ['-F', '-c', join(this.dir, 'dovecot.conf')], {
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		// Never outlive the run, even when it ends without reaching stop().
		const child = this.process;
		process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
		let stderr = '';
		this.process.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (!(await this.answers())) {
			if (this.process.exitCode !== null || Date.now() > deadline) {
				await this.stop();
				throw new Error(`dovecot did not start on port ${this.port}: ${stderr}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		return this;
	}

	/**
	 * Delivers `text` into the inbox once a client logs in after this call (and a moment later, so
	 * it has selected the inbox and idles): the message arrives while it listens, as a new email
	 * does. n8n's Email Trigger reacts to arrivals, not to mail that was waiting when it connected.
	 * Called as the reading workflow starts, so the wait does not include installing n8n.
	 */
	async deliverAfterLogin(text: string, timeoutMs = 90_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		const logins = () => this.log().split(`Login: user=<${IMAP_USER.user}>`).length - 1;
		const loginsBefore = logins();
		while (logins() === loginsBefore) {
			if (!this.process || Date.now() > deadline) throw new Error('no IMAP client logged in');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const name = `${Date.now()}.M1P1.loopback`;
		writeFileSync(join(this.maildir, 'tmp', name), text.replace(/\r?\n/g, '\r\n'));
		chownSync(join(this.maildir, 'tmp', name), MAIL_UID, MAIL_GID);
		// Maildir delivery: written in tmp/, then renamed into new/ in one step.
		renameSync(join(this.maildir, 'tmp', name), join(this.maildir, 'new', name));
	}

	/** The n8n `imap` credential for this server. */
	credentialData() {
		return {
			host: '127.0.0.1',
			port: this.port,
			secure: false,
			user: IMAP_USER.user,
			password: IMAP_USER.password,
			allowUnauthorizedCerts: true,
		};
	}

	/** Dovecot's own log, for a failure report. */
	log(): string {
		try {
			return readFileSync(join(this.dir, 'dovecot.log'), 'utf8');
		} catch {
			return '';
		}
	}

	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
		if (this.dir) rmSync(this.dir, { recursive: true, force: true });
	}

	private answers(): Promise<boolean> {
		return new Promise((resolve) => {
			const socket = connect(this.port, '127.0.0.1');
			socket.once('data', (data) => {
				socket.destroy();
				resolve(data.toString().startsWith('* OK'));
			});
			socket.once('error', () => resolve(false));
			socket.setTimeout(1000, () => {
				socket.destroy();
				resolve(false);
			});
		});
	}

	private config(): string {
		const d = this.dir;
		return `# Written by test/e2e/imapServer.ts for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${d}/run
state_dir = ${d}/state
log_path = ${d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${MAIL_UID}
last_valid_uid = ${MAIL_UID}
mail_location = maildir:~
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${d}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${d}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
`;
	}
}
