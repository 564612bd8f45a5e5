/*
 * The referral email waiting in the loopback IMAP inbox: a referrer's letter with
 * examples/files/referral-letter.pdf attached, as a mail client sends it (multipart/mixed, base64).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EXAMPLES_DIR } from './workflows';

export const REFERRAL_SENDER = {
	name: 'Dr Benji Dolittle',
	address: 'benji.dolittle@referrer.example',
};
export const REFERRAL_FILE = 'referral-letter.pdf';

export function referralMessage(): string {
	const pdf = readFileSync(join(EXAMPLES_DIR, 'files', REFERRAL_FILE)).toString('base64');
	const boundary = 'loopback-referral-boundary';
	return [
		`From: ${REFERRAL_SENDER.name} <${REFERRAL_SENDER.address}>`,
		'To: Referrals <referrals@clinic.example>',
		'Subject: Referral: Harriet Example (1984-05-07)',
		'Date: Mon, 23 Nov 2026 09:00:00 +1100',
		'Message-ID: <referral-1@referrer.example>',
		'MIME-Version: 1.0',
		`Content-Type: multipart/mixed; boundary="${boundary}"`,
		'',
		`--${boundary}`,
		'Content-Type: text/plain; charset=utf-8',
		'',
		'Please see Harriet Example, born 7 May 1984; the referral letter is attached.',
		'',
		`--${boundary}`,
		`Content-Type: application/pdf; name="${REFERRAL_FILE}"`,
		`Content-Disposition: attachment; filename="${REFERRAL_FILE}"`,
		'Content-Transfer-Encoding: base64',
		'',
		...(pdf.match(/.{1,76}/g) ?? []),
		`--${boundary}--`,
		'',
	].join('\r\n');
}
