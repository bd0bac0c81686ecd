#!/bin/bash
# Builds spdmd and runs every test suite: the meson unit tests and the
# pytest end-to-end tests. The last line is "N passed, N failed" over all
# suites; the exit status is non-zero when anything failed.
#
# Usage: scripts/test.sh [SUITE...]   (suites: unit e2e uml; default all)
#   uml: AF_MCTP tests in a User-mode Linux guest (tests/uml); the first
#   run builds the guest's kernel, in a few minutes
#
# SPDMD_BUILD_DIR selects the build folder (default build/) and
# SPDM_TESTDATA the test data (default ../shared/testdata).
set -eu
cd "$(dirname "$0")/.."

build=${SPDMD_BUILD_DIR:-build}
testdata=${SPDM_TESTDATA:-$(cd .. && pwd)/shared/testdata}
results=$build/test-results
# Debian's python3, which has python3-pytest, even when another python3
# comes first in PATH.
python=/usr/bin/python3
if [ ! -x "$python" ]; then
	python=python3
fi
# Upper bounds of each suite's run time, in seconds.
unit_time_limit=900
e2e_time_limit=1800
# Building the guest kernel the first time takes a few minutes more.
uml_time_limit=1800

# Reports of the suites that ran, as NAME=FILE for test-summary.py.
reports=()

run_unit_tests() {
	local log=$build/meson-logs/unit.json

	rm -f "$log"
	timeout --kill-after=30 "$unit_time_limit" \
		meson test -C "$build" --no-rebuild --print-errorlogs \
		--logbase unit </dev/null || true
	reports+=("unit=$log")
}

run_e2e_tests() {
	local report=$results/e2e.xml

	rm -f "$report"
	SPDMD_BUILD_DIR=$(cd "$build" && pwd) SPDM_TESTDATA=$testdata \
		timeout --kill-after=30 "$e2e_time_limit" \
		"$python" -m pytest tests/e2e -q -p no:cacheprovider \
		--junitxml="$report" </dev/null || true
	reports+=("e2e=$report")
}

run_uml_tests() {
	local report=$results/uml.xml

	rm -f "$report"
	SPDMD_BUILD_DIR=$(cd "$build" && pwd) SPDM_TESTDATA=$testdata \
		timeout --kill-after=30 "$uml_time_limit" \
		"$python" -m pytest tests/uml -q -p no:cacheprovider \
		--junitxml="$report" </dev/null || true
	reports+=("uml=$report")
}

main() {
	local suites=("$@")

	if [ ${#suites[@]} -eq 0 ]; then
		suites=(unit e2e uml)
	fi
	if ! ./scripts/build.sh; then
		# The closing line still counts the failure, so CI reports it.
		echo "build: failed"
		echo "0 passed, 1 failed"
		exit 1
	fi
	mkdir -p "$results"
	export SPDM_TESTDATA=$testdata

	for suite in "${suites[@]}"; do
		case $suite in
		unit) run_unit_tests ;;
		e2e) run_e2e_tests ;;
		uml) run_uml_tests ;;
		*)
			echo "test.sh: unknown suite '$suite'. Give unit, e2e" \
				"or uml." >&2
			exit 2
			;;
		esac
	done

	"$python" scripts/test-summary.py "${reports[@]}"
}

main "$@"
