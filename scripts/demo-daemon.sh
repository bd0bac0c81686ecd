#!/bin/bash
# Shows spdmd at work: starts a private D-Bus bus, three emulated SPDM
# devices and spdmd, then prints what spdmd publishes on D-Bus (spdmctl
# status) and the Redfish view bmcweb would serve (spdmctl redfish). Last,
# it requests signed measurements as a Redfish client would.
#
# The devices present the DMTF sample identity (ECDSA P-384) from the test
# data, or an identity made by gen-test-pki.sh when the test data is not
# there: gpu0 speaks SPDM 1.2, nic0 only 1.1, and rogue0 signs with a key
# that is not its certificate's. Expected: two Success, one Failed with
# reason signature-invalid. Every process is stopped by its PID at the end.
#
# scripts/demo.sh runs this after its own demo. SPDMD_BUILD_DIR selects the
# build folder (default build/), SPDM_TESTDATA the test data (default
# ../shared/testdata); SPDMD_SKIP_BUILD=1 skips the build step.
set -eu
cd "$(dirname "$0")/.."

build=${SPDMD_BUILD_DIR:-build}
testdata=${SPDM_TESTDATA:-../shared/testdata}
# Seconds a process gets to start listening, and the attestations to end.
start_timeout=10
attest_timeout=30

if [ "${SPDMD_SKIP_BUILD:-0}" != 1 ]; then
	./scripts/build.sh
fi

spdmctl=$build/tools/spdmctl/spdmctl
responder=$build/tools/spdm-responder/spdm-responder
spdmd=$build/daemon/spdmd

workdir=$(mktemp -d)
pids=()
cleanup() {
	local index

	for ((index = ${#pids[@]} - 1; index >= 0; index--)); do
		kill "${pids[index]}" 2>/dev/null || true
		wait "${pids[index]}" 2>/dev/null || true
	done
	rm -rf "$workdir"
}
trap cleanup EXIT

identity=$testdata/dmtf-sample-keys/ecp384
if [ ! -f "$identity/end_responder.key" ]; then
	echo "demo-daemon.sh: no test data at $testdata; generating a test PKI"
	./scripts/gen-test-pki.sh "$workdir/pki" ecp384 >/dev/null
	identity=$workdir/pki/ecp384
fi

# Waits until the Unix socket $1 exists; $2 is the PID that creates it.
wait_for_socket() {
	local deadline=$((SECONDS + start_timeout))

	while [ ! -S "$1" ]; do
		if ! kill -0 "$2" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
			echo "demo-daemon.sh: nothing listens on $1; log:" >&2
			cat "$workdir"/*.log >&2
			exit 2
		fi
		sleep 0.05
	done
}

start_bus() {
	cat >"$workdir/bus.conf" <<-EOF
		<!DOCTYPE busconfig PUBLIC
		 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
		 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
		<busconfig>
		  <type>session</type>
		  <listen>unix:path=$workdir/bus.sock</listen>
		  <auth>EXTERNAL</auth>
		  <policy context="default">
		    <allow send_destination="*" eavesdrop="true"/>
		    <allow eavesdrop="true"/>
		    <allow own="*"/>
		  </policy>
		</busconfig>
	EOF
	dbus-daemon --config-file="$workdir/bus.conf" --nofork --nopidfile \
		>"$workdir/dbus-daemon.log" 2>&1 </dev/null &
	pids+=($!)
	wait_for_socket "$workdir/bus.sock" $!
	bus=unix:path=$workdir/bus.sock
}

# Starts spdm-responder on $workdir/$1.sock with the extra options $2...
start_device() {
	local name=$1

	shift
	"$responder" --listen "unix:$workdir/$name.sock" \
		--chain "$identity/bundle_responder.certchain.der" \
		--key "$identity/end_responder.key" "$@" \
		>"$workdir/$name.log" 2>&1 </dev/null &
	pids+=($!)
	wait_for_socket "$workdir/$name.sock" $!
}

write_config() {
	cat >"$workdir/spdmd.conf" <<-EOF
		[global]
		trust-anchor = $identity/ca.cert.der
		mctpd-discovery = no
		reattest-interval = 0

		[endpoint gpu0]
		link = unix:$workdir/gpu0.sock
		eid = 9
		inventory = /xyz/openbmc_project/inventory/system/chassis/GPU_0

		[endpoint nic0]
		link = unix:$workdir/nic0.sock
		eid = 9

		[endpoint rogue0]
		link = unix:$workdir/rogue0.sock
		eid = 9
	EOF
}

# Waits until spdmd logged an outcome for each of the three endpoints.
wait_for_outcomes() {
	local deadline=$((SECONDS + attest_timeout))

	while [ "$(grep -c 'attestation \(PASSED\|FAILED\)' \
		"$workdir/spdmd.log")" -lt 3 ]; do
		if ! kill -0 "$spdmd_pid" 2>/dev/null ||
			[ "$SECONDS" -ge "$deadline" ]; then
			echo "demo-daemon.sh: spdmd did not attest the three" \
				"devices in ${attest_timeout} s; its log:" >&2
			cat "$workdir/spdmd.log" >&2
			exit 1
		fi
		sleep 0.1
	done
}

show() {
	echo
	echo "\$ spdmctl $*"
	"$spdmctl" "$@" --bus-address "$bus"
}

start_bus
start_device gpu0
start_device nic0 --versions 1.1
start_device rogue0 --fault wrong-key
write_config
mkdir "$workdir/state"
"$spdmd" --config "$workdir/spdmd.conf" --bus-address "$bus" \
	--state-dir "$workdir/state" --log-stderr \
	>"$workdir/spdmd.log" 2>&1 </dev/null &
spdmd_pid=$!
pids+=("$spdmd_pid")
echo "demo-daemon.sh: private D-Bus bus at $bus; three emulated devices;" \
	"spdmd (PID $spdmd_pid)"
echo "demo-daemon.sh: gpu0 speaks SPDM 1.2 and nic0 only 1.1; rogue0" \
	"signs with a key that is not its certificate's, so spdmd must" \
	"fail it with reason signature-invalid"
wait_for_outcomes
echo
echo "spdmd's log:"
sed 's/^/  /' "$workdir/spdmd.log"

show status
show redfish
for id in gpu0 nic0 rogue0; do
	show redfish "$id"
done
# The Redfish SPDMGetSignedMeasurements action, checked offline.
show get-signed-measurements gpu0

verified=$(grep -c 'attestation PASSED' "$workdir/spdmd.log" || true)
failed=$(grep -c 'attestation FAILED.*signature-invalid' \
	"$workdir/spdmd.log" || true)
echo
if [ "$verified" -ne 2 ] || [ "$failed" -ne 1 ]; then
	echo "demo-daemon.sh: expected 2 verified and 1 signature-invalid," \
		"got $verified and $failed" >&2
	exit 1
fi
echo "demo-daemon.sh: 2 devices verified (Success), 1 failed" \
	"(signature-invalid); stopping everything"
