#!/bin/bash
# Builds spdmd, starts an emulated SPDM device (spdm-responder) on a
# pseudo-terminal, and attests it with spdmctl over MCTP serial framing.
#
# The device presents the DMTF sample identity (ECDSA P-384) from the
# test data (SPDM_TESTDATA, default ../shared/testdata), or an identity
# made by gen-test-pki.sh when the test data is not there.
set -eu
cd "$(dirname "$0")/.."

# Absolute paths, because the daemon demo runs from its own folder.
build=$(realpath -m "${SPDMD_BUILD_DIR:-build}")
testdata=$(realpath -m "${SPDM_TESTDATA:-../shared/testdata}")
# Seconds the device gets to open its pseudo-terminal.
start_timeout=10

./scripts/build.sh

workdir=$(mktemp -d)
responder_pid=
cleanup() {
	if [ -n "$responder_pid" ]; then
		kill "$responder_pid" 2>/dev/null || true
		wait "$responder_pid" 2>/dev/null || true
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT

identity=$testdata/dmtf-sample-keys/ecp384
if [ ! -f "$identity/end_responder.key" ]; then
	echo "demo.sh: no test data at $testdata; generating a test PKI"
	./scripts/gen-test-pki.sh "$workdir/pki" ecp384 >/dev/null
	identity=$workdir/pki/ecp384
fi

"$build/tools/spdm-responder/spdm-responder" --listen pty \
	--chain "$identity/bundle_responder.certchain.der" \
	--key "$identity/end_responder.key" \
	>"$workdir/responder.out" 2>"$workdir/responder.err" </dev/null &
responder_pid=$!

pty=
deadline=$((SECONDS + start_timeout))
while [ -z "$pty" ]; do
	pty=$(sed -n 's/^pty: //p' "$workdir/responder.out")
	if ! kill -0 "$responder_pid" 2>/dev/null; then
		echo "demo.sh: spdm-responder exited:" >&2
		cat "$workdir/responder.err" >&2
		exit 2
	fi
	if [ -z "$pty" ] && [ "$SECONDS" -ge "$deadline" ]; then
		echo "demo.sh: spdm-responder opened no pty in ${start_timeout} s" >&2
		exit 2
	fi
	sleep 0.1
done

anchor=$identity/ca.cert.der
echo "demo.sh: emulated SPDM device on $pty (PID $responder_pid)"
echo "\$ spdmctl attest --link serial:$pty --trust-anchor $anchor"
"$build/tools/spdmctl/spdmctl" attest --link "serial:$pty" \
	--trust-anchor "$anchor"

# The daemon: spdmd attesting three emulated devices on a private bus.
echo
SPDMD_BUILD_DIR=$build SPDM_TESTDATA=$testdata SPDMD_SKIP_BUILD=1 \
	./scripts/demo-daemon.sh
