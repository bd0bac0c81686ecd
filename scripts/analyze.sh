#!/bin/bash
# Static analysis of lib/, daemon/ and tools/: clang-tidy with the checks
# of .clang-tidy, and gcc's -fanalyzer. Prints every finding and exits 1
# when there is any, 0 when both are clean, 2 when a tool is missing.
#
# Usage: scripts/analyze.sh
#
# gcc's leak checker (-Wanalyzer-malloc-leak) is off: in gcc 12 it reports
# most hand-offs of a buffer into a struct as leaks, and leaks are found
# precisely at run time by LeakSanitizer and valgrind (scripts/test.sh
# asan and valgrind suites). Build folders: build-tidy/, build-analyze/.
set -eu
cd "$(dirname "$0")/.."

tidy_build=build-tidy
gcc_build=build-analyze
tidy=clang-tidy-14
# Analyzer findings to report; anything else gcc prints is not ours.
gcc_pattern='^(lib|daemon|tools)/.*warning: .*\[-Wanalyzer'

# Prints the C sources under analysis (unit tests excluded).
sources() {
	git ls-files 'lib/*.c' 'daemon/*.c' 'tools/*.c' | grep -v '/test_'
}

run_clang_tidy() {
	local log=$tidy_build/clang-tidy.log

	if [ ! -f "$tidy_build/compile_commands.json" ]; then
		CC=clang-14 meson setup "$tidy_build" -Dtests=false \
			>"$tidy_build.setup.log" 2>&1 || {
			cat "$tidy_build.setup.log" >&2
			return 2
		}
	fi
	# Regenerates the compile database when a meson.build changed, so new
	# sources and compiler flags are seen. Nothing else is built.
	ninja -C "$tidy_build" build.ninja >"$tidy_build.setup.log" 2>&1 || {
		cat "$tidy_build.setup.log" >&2
		return 2
	}
	sources | xargs -P "$(nproc)" -n 4 "$tidy" -p "$tidy_build" --quiet \
		>"$log" 2>/dev/null || true
	if grep -E '(warning|error):' "$log"; then
		echo "analyze.sh: clang-tidy found the problems above" \
			"(full output in $log)" >&2
		return 1
	fi
	echo "analyze.sh: clang-tidy: no findings"
}

run_gcc_analyzer() {
	local log=$gcc_build/analyzer.log
	local findings

	if [ ! -f "$gcc_build/meson-private/coredata.dat" ]; then
		CC=gcc meson setup "$gcc_build" -Dtests=false -Dwerror=false \
			"-Dc_args=-fanalyzer -Wno-analyzer-malloc-leak" \
			>"$gcc_build.setup.log" 2>&1 || {
			cat "$gcc_build.setup.log" >&2
			return 2
		}
	fi
	# A full rebuild, because only a compilation prints its findings.
	ninja -C "$gcc_build" -t clean >/dev/null
	if ! ninja -C "$gcc_build" >"$log" 2>&1; then
		cat "$log" >&2
		echo "analyze.sh: the -fanalyzer build failed" >&2
		return 1
	fi
	findings=$(sed 's|^\.\./||' "$log" | grep -E "$gcc_pattern" | sort -u ||
		true)
	if [ -n "$findings" ]; then
		echo "$findings"
		echo "analyze.sh: gcc -fanalyzer found the problems above" \
			"(full output in $log)" >&2
		return 1
	fi
	echo "analyze.sh: gcc -fanalyzer: no findings"
}

main() {
	local status=0
	local rc

	if ! command -v "$tidy" >/dev/null || ! command -v gcc >/dev/null; then
		echo "analyze.sh: needs $tidy and gcc (scripts/install-deps.sh)" >&2
		exit 2
	fi
	run_clang_tidy || status=$?
	run_gcc_analyzer || {
		rc=$?
		if [ "$status" -eq 0 ]; then
			status=$rc
		fi
	}
	exit "$status"
}

main
