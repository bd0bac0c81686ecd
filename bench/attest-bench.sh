#!/bin/bash
# Measures spdmd attesting 1, 8, 64 and 256 emulated endpoints at once,
# with a per-response device delay, and prints the round times, spdmd's
# and the devices' CPU per attestation and spdmd's peak RSS against the
# crypto floor and the targets (bench/attest_bench.py describes the
# method).
#
# Usage: bench/attest-bench.sh [--counts 1,8,64,256] [--delay-ms 20]
#                             [--keys ecp384,ecp256]
#
# --keys selects the DMTF sample identities the devices present (ecp256,
# ecp384, ecp521 or ed25519), each measured in turn; the default is
# ecp384.
#
# SPDMD_BUILD_DIR selects the build folder (default build/) and
# SPDM_TESTDATA the test data (default ../shared/testdata).
set -eu
cd "$(dirname "$0")/.."

build=${SPDMD_BUILD_DIR:-build}
testdata=${SPDM_TESTDATA:-$(cd .. && pwd)/shared/testdata}
# Debian's python3, which has python3-dbus, even when another python3
# comes first in PATH.
python=/usr/bin/python3
if [ ! -x "$python" ]; then
	python=python3
fi

SPDMD_BUILD_DIR=$build ./scripts/build.sh >&2
exec "$python" bench/attest_bench.py --build "$build" \
	--testdata "$testdata" "$@"
