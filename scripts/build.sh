#!/bin/bash
# Installs missing Debian packages and builds spdmd in build/, or in the
# folder SPDMD_BUILD_DIR names.
set -eu
cd "$(dirname "$0")/.."
build=${SPDMD_BUILD_DIR:-build}

# Runs a command with its output in a log file, shown only when it fails.
quietly() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		echo "build.sh: '$*' failed; the output is above and in $log" >&2
		return 1
	fi
}

./scripts/install-deps.sh

mkdir -p "$build"
if [ -f "$build/meson-private/coredata.dat" ]; then
	# A build folder made by another meson version cannot be reconfigured.
	quietly "$build/setup.log" meson setup --reconfigure "$build" ||
		quietly "$build/setup.log" meson setup --wipe "$build"
else
	quietly "$build/setup.log" meson setup "$build"
fi
quietly "$build/compile.log" ninja -C "$build"
echo "build.sh: built spdmd in $build/"
