#!/usr/bin/env bash
# Installs the Debian packages the queue-mode test and the loaded test run need, only when missing:
#
#   bash scripts/services.sh            redis-server and postgresql (npm run test:queue)
#   bash scripts/services.sh stress     stress-ng as well (scripts/loaded-test.sh)
#
# Installs only; the test runners start the services themselves on free ports with their data in a
# temporary folder and stop them at the end (see test/queue/services.ts). Installs go through
# `flock /tmp/apt.lock` so that several installs on one machine wait for each other.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# Debian keeps the server binaries out of PATH, below /usr/lib/postgresql/<major>/bin.
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
if [ "${1:-}" = stress ]; then command -v stress-ng >/dev/null 2>&1 || missing+=(stress-ng); fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "[services] installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" flock /tmp/apt.lock apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
	{ "${sudo[@]}" flock /tmp/apt.lock apt-get update >&2 &&
		"${sudo[@]}" flock /tmp/apt.lock apt-get install -y --no-install-recommends "${missing[@]}" >&2; }
