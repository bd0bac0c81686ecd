#!/bin/bash
# Builds the libFuzzer harnesses of tests/fuzz/ with clang-14, ASan and
# UBSan in build-fuzz/ and runs each one, one after the other, for a
# bounded time. A crash, leak, timeout, out-of-memory or sanitizer report
# fails the run. libFuzzer saves the input in tests/fuzz/regressions/
# HARNESS/, and the unit suite replays it from then on.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_HARNESS]   (default 40)
#
# FUZZ_HARNESSES limits the run to some harnesses (space-separated names).
# The JUnit report build-fuzz/fuzz-report.xml has one test per harness,
# for scripts/test.sh; the executions of each are on stdout.
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-40}
build="build-fuzz"
testdata=${SPDM_TESTDATA:-$(cd .. && pwd)/shared/testdata}
report=$build/fuzz-report.xml
harnesses=(requester responder codecs measurements cert_chain conversation
	mctp_serial mctp_reassembly mctp_emu daemon_config measurement_args)
if [ -n "${FUZZ_HARNESSES:-}" ]; then
	read -r -a harnesses <<<"$FUZZ_HARNESSES"
fi

if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
	echo "fuzz.sh: SECONDS_PER_HARNESS must be a positive integer," \
		"got '$seconds'" >&2
	exit 2
fi

# Runs a command with its output in a log file, shown only when it fails.
quietly() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		echo "fuzz.sh: '$*' failed; the output is above and in $log" >&2
		return 1
	fi
}

build_harnesses() {
	local options=(-Dfuzz=true -Dtests=false -Dwerror=false
		"-Db_sanitize=address,undefined" -Db_lundef=false
		"-Dc_args=-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined")

	./scripts/install-deps.sh
	mkdir -p "$build"
	if [ -f "$build/meson-private/coredata.dat" ]; then
		quietly "$build/setup.log" meson setup --reconfigure "$build" \
			"${options[@]}" ||
			quietly "$build/setup.log" meson setup --wipe "$build" \
				"${options[@]}"
	else
		CC=clang-14 quietly "$build/setup.log" meson setup "$build" \
			"${options[@]}"
	fi
	quietly "$build/compile.log" ninja -C "$build" fuzz
	rm -rf "$build/seeds"
	SPDM_TESTDATA=$testdata quietly "$build/seeds.log" \
		"$build/tests/fuzz/fuzz_seeds" "$build/seeds"
}

# Prints the libFuzzer options of one harness (dictionary, limits).
harness_options() {
	local harness=$1

	case $harness in
	daemon_config) echo "-dict=tests/fuzz/daemon_config.dict" ;;
	measurement_args | mctp_emu) ;;
	*) echo "-dict=tests/fuzz/spdm.dict" ;;
	esac
	# One input may take 10 s and 2 GiB at most under ASan; more is a bug.
	echo "-timeout=10"
	echo "-rss_limit_mb=2048"
}

# Runs one harness; prints "HARNESS EXECUTIONS STATUS". Returns 1 on a
# finding.
run_harness() {
	local harness=$1
	local log=$build/fuzz-$harness.log
	local corpus=$build/corpus/$harness
	local regressions=tests/fuzz/regressions/$harness
	local seeds=()
	local status=0
	local executions

	mkdir -p "$corpus" "$regressions"
	for folder in "tests/fuzz/corpus/$harness" "$build/seeds/$harness"; do
		if [ -d "$folder" ]; then
			seeds+=("$folder")
		fi
	done
	# shellcheck disable=SC2046 # one option per line
	SPDM_TESTDATA=$testdata \
		ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		timeout --kill-after=30 $((seconds + 120)) \
		"$build/tests/fuzz/fuzz_$harness" $(harness_options "$harness") \
		-max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$regressions/" \
		"$corpus" "${seeds[@]}" "$regressions" </dev/null >"$log" 2>&1 ||
		status=$?
	executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "$harness ${executions:-0} $status"
	return $((status != 0))
}

write_report() {
	local results=("$@")
	local failures=0
	local line name executions status

	for line in "${results[@]}"; do
		read -r name executions status <<<"$line"
		if [ "$status" != 0 ]; then
			failures=$((failures + 1))
		fi
	done
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo "<testsuite name=\"fuzz\" tests=\"${#results[@]}\"" \
			"failures=\"$failures\" errors=\"0\" skipped=\"0\">"
		for line in "${results[@]}"; do
			read -r name executions status <<<"$line"
			echo "  <testcase classname=\"fuzz\" name=\"$name\"" \
				"time=\"$seconds\">"
			if [ "$status" != 0 ]; then
				echo "    <failure message=\"exit status $status" \
					"after $executions executions; see" \
					"$build/fuzz-$name.log\"/>"
			fi
			echo "  </testcase>"
		done
		echo "</testsuite>"
	} >"$report"
}

main() {
	local results=()
	local failed=0
	local line name executions status

	rm -f "$report"
	build_harnesses
	for harness in "${harnesses[@]}"; do
		line=$(run_harness "$harness") || failed=1
		results+=("$line")
		read -r name executions status <<<"$line"
		if [ "$status" = 0 ]; then
			echo "fuzz.sh: $name: $executions executions in" \
				"${seconds} s, no finding"
		else
			echo "fuzz.sh: $name: FAILED (exit status $status) after" \
				"$executions executions; the log is" \
				"$build/fuzz-$name.log and the input is in" \
				"tests/fuzz/regressions/$name/"
			grep -m 5 -E 'ERROR|runtime error|SUMMARY' \
				"$build/fuzz-$name.log" >&2 || true
		fi
	done
	write_report "${results[@]}"
	return $failed
}

main
