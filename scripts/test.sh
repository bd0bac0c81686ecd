#!/bin/bash
# Builds spdmd and runs every test suite: the meson unit tests and the
# pytest end-to-end tests. The last line is "N passed, N failed" over all
# suites; the exit status is non-zero when anything failed.
#
# Usage: scripts/test.sh [SUITE...]
#   suites: unit e2e uml asan valgrind fuzz; default all
#   uml: AF_MCTP tests in a User-mode Linux guest (tests/uml); the first
#   run builds the guest's kernel, in a few minutes
#   asan: unit and e2e tests again with ASan and UBSan (build-asan/)
#   valgrind: unit tests of a release build under memcheck (build-release/)
#   fuzz: scripts/fuzz.sh, FUZZ_SECONDS per harness (default 40, 15 in CI)
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
# Memcheck runs the unit tests about 20 to 50 times slower.
valgrind_time_limit=2400

# Reports of the suites that ran, as NAME=FILE for test-summary.py.
reports=()

# Build folders and settings of the sanitizer, valgrind and fuzz suites.
asan_build="build-asan"
release_build="build-release"
if [ "${CI:-}" = true ]; then
	fuzz_seconds=${FUZZ_SECONDS:-15}
else
	fuzz_seconds=${FUZZ_SECONDS:-40}
fi
fuzz_time_limit=1200

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

# Configures and builds a folder with extra meson options. Returns 1
# (its log shown) when either step fails.
build_variant() {
	local folder=$1
	shift

	mkdir -p "$folder"
	if [ ! -f "$folder/meson-private/coredata.dat" ] &&
		! meson setup "$folder" "$@" >"$folder/setup.log" 2>&1; then
		cat "$folder/setup.log" >&2
		return 1
	fi
	if ! ninja -C "$folder" >"$folder/compile.log" 2>&1; then
		cat "$folder/compile.log" >&2
		return 1
	fi
}

# Unit and e2e tests against binaries built with ASan and UBSan. Every
# report is fatal: UBSan does not recover (-fno-sanitize-recover) and
# ASan stops at the first error, leaks included.
run_asan_tests() {
	local log=$asan_build/meson-logs/asan-unit.json
	local report=$results/asan-e2e.xml

	rm -f "$log" "$report"
	if ! build_variant "$asan_build" "-Db_sanitize=address,undefined" \
		-Db_lundef=false -Dc_args=-fno-sanitize-recover=all; then
		reports+=("asan-build=$asan_build/missing")
		return
	fi
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	timeout --kill-after=30 "$unit_time_limit" \
		meson test -C "$asan_build" --no-rebuild --print-errorlogs \
		--timeout-multiplier 3 --logbase asan-unit </dev/null || true
	SPDMD_BUILD_DIR=$(cd "$asan_build" && pwd) SPDM_TESTDATA=$testdata \
		timeout --kill-after=30 "$e2e_time_limit" \
		"$python" -m pytest tests/e2e -q -p no:cacheprovider \
		--junitxml="$report" </dev/null || true
	unset ASAN_OPTIONS UBSAN_OPTIONS
	reports+=("asan-unit=$log" "asan-e2e=$report")
}

# Unit tests of a release build (-O3 -DNDEBUG) under valgrind memcheck:
# any invalid access, use of uninitialised memory or leak fails a test.
run_valgrind_tests() {
	# meson adds the wrapper's name to the log base: release-valgrind.
	local log=$release_build/meson-logs/release-valgrind.json

	rm -f "$log"
	if ! build_variant "$release_build" -Dbuildtype=release; then
		reports+=("valgrind-build=$release_build/missing")
		return
	fi
	timeout --kill-after=30 "$valgrind_time_limit" \
		meson test -C "$release_build" --no-rebuild --print-errorlogs \
		--wrapper "valgrind --quiet --error-exitcode=1 --leak-check=full" \
		--timeout-multiplier 10 --logbase release </dev/null || true
	reports+=("valgrind=$log")
}

# Every libFuzzer harness for fuzz_seconds (scripts/fuzz.sh).
run_fuzz_tests() {
	rm -f build-fuzz/fuzz-report.xml
	timeout --kill-after=30 "$fuzz_time_limit" \
		./scripts/fuzz.sh "$fuzz_seconds" </dev/null || true
	reports+=("fuzz=build-fuzz/fuzz-report.xml")
}

main() {
	local suites=("$@")

	if [ ${#suites[@]} -eq 0 ]; then
		suites=(unit e2e uml asan valgrind fuzz)
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
		asan) run_asan_tests ;;
		valgrind) run_valgrind_tests ;;
		fuzz) run_fuzz_tests ;;
		*)
			echo "test.sh: unknown suite '$suite'. Give unit, e2e," \
				"uml, asan, valgrind or fuzz." >&2
			exit 2
			;;
		esac
	done

	"$python" scripts/test-summary.py "${reports[@]}"
}

main "$@"
