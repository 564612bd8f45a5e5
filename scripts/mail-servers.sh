#!/usr/bin/env bash
# Installs the IMAP server `npm run test:e2e` needs, only when missing: Debian's dovecot-imapd.
# Installs only; the e2e run (test/e2e/imapServer.ts) starts its own dovecot instance on a free
# loopback port with its configuration and mail in a temporary folder, and stops it at the end.
# The SMTP server is an npm package (smtp-server), installed by `npm ci`.
set -euo pipefail

[ -x /usr/sbin/dovecot ] && exit 0
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "[mail-servers] installing dovecot-imapd from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" flock /tmp/apt.lock apt-get install -y --no-install-recommends dovecot-imapd >&2 ||
	{ "${sudo[@]}" flock /tmp/apt.lock apt-get update >&2 &&
		"${sudo[@]}" flock /tmp/apt.lock apt-get install -y --no-install-recommends dovecot-imapd >&2; }
