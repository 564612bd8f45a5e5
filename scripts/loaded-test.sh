#!/usr/bin/env bash
# Runs the test suite several times back to back on a deliberately loaded machine, to show that
# no test depends on timing or on an idle machine, and that no run leaves temporary files behind.
#
#   bash scripts/loaded-test.sh                 3 × `npm test` beside a CPU hog
#   bash scripts/loaded-test.sh 5 npx jest      5 × `npx jest`
#
# The hog is stress-ng (Debian's package, installed by scripts/services.sh when missing) with one
# busy worker per CPU; where it cannot be installed, the same number of busy Node processes. The
# runs get an empty TMPDIR of their own, in which nothing but jest's cache (jest_*) may remain
# after a run. Exit status 1 when a run failed or left something behind. Logs: $LOADED_TEST_LOGS (default: a new temporary folder).
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
shift || true
command=("$@")
[ ${#command[@]} -eq 0 ] && command=(npm test)
cpus="$(nproc)"
logs="${LOADED_TEST_LOGS:-$(mktemp -d -t coreplus-loaded-logs-XXXXXX)}"
mkdir -p "$logs"

hogs=()
stop_hogs() {
	for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done
	for pid in "${hogs[@]}"; do wait "$pid" 2>/dev/null; done
	hogs=()
}
tmp="$(mktemp -d -t coreplus-loaded-tmp-XXXXXX)"
trap 'stop_hogs; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

bash scripts/services.sh stress || true
if command -v stress-ng >/dev/null 2>&1; then
	stress-ng --cpu "$cpus" --quiet &
	hogs+=($!)
	hog="stress-ng --cpu $cpus"
else
	for _ in $(seq "$cpus"); do
		node -e 'for (;;) {}' &
		hogs+=($!)
	done
	hog="$cpus busy node processes"
fi
echo "[loaded] $runs × '${command[*]}' beside $hog; logs in $logs"

failed=0
for run in $(seq "$runs"); do
	started=$(date +%s)
	TMPDIR="$tmp" "${command[@]}" >"$logs/run$run.log" 2>&1
	status=$?
	took=$(($(date +%s) - started))
	left="$(find "$tmp" -mindepth 1 -maxdepth 1 ! -name 'jest_*' | wc -l)"
	summary="$(grep -E '^(Tests|Test Suites):' "$logs/run$run.log" | tr '\n' ' ')"
	echo "[loaded] run $run: exit $status in ${took} s; $summary; ${left} temporary entries left"
	if [ "$status" -ne 0 ] || [ "$left" -ne 0 ]; then
		failed=$((failed + 1))
		grep -E '✕|●' "$logs/run$run.log" | head -20
		find "$tmp" -mindepth 1 -maxdepth 1 ! -name 'jest_*' | head -5
	fi
done
stop_hogs
echo "[loaded] $((runs - failed)) of $runs run(s) passed"
[ "$failed" -eq 0 ]
