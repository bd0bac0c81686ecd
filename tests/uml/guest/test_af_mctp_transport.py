# SPDX-License-Identifier: BSD-3-Clause
"""The failures AF_MCTP requesters are known for, against the guest's
kernel: the tag limit, late and duplicate responses matched to the wrong
request, a second socket bound to the SPDM message type, and a doubled
message type byte."""

import concurrent.futures
import json
import re
import time

import harness
from daemon_bus import (COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, STATUS_SUCCESS, Bus)
from daemon_env import Spdmd, config_text, wait_for_name

import mctp_wire
from conftest import GUEST_GLOBAL_KEYS, NETWORK, publish, stop_traced

ATTEST_TIMEOUT = 30
# Seconds mctp-probe keeps every tag to a device.
TAG_HOLD_SECONDS = 3
# spdmd's SPDMGetSignedMeasurements calls made while the tags are held.
MEASUREMENT_CALLS = 3
# Seconds the late-response scenario keeps attesting: long enough for
# responses 7 s late to arrive during later attempts.
LATE_WINDOW_SECONDS = 20
SPDM_TYPE = 5
SPDMCTL_TIMEOUT = 60
# spdmctl attest runs beside spdmd in the second-requester scenario.
SPDMCTL_RUNS = 3


def run_probe(probe_path, *args, timeout=30):
    return harness.run([probe_path, *map(str, args)], timeout)


def attestation_count(bus, endpoint_id):
    return bus.endpoints()[endpoint_id][ENDPOINT]["AttestationCount"]


def wait_for_attestation(bus, endpoint_id, count, timeout):
    """Wait until an attestation after the count-th one has ended; return
    the endpoint's interfaces."""
    def finished():
        interfaces = bus.endpoints()[endpoint_id]
        project = interfaces[ENDPOINT]
        if project["AttestationCount"] > count and \
                project["State"] != "attesting":
            return interfaces
        return None

    return bus.wait_for(finished, timeout, f"{endpoint_id} attested again")


def attest_once(bus, endpoint_id, timeout):
    """Call Attest() and wait for that attestation's end; return the
    endpoint's interfaces."""
    count = attestation_count(bus, endpoint_id)
    bus.attest(endpoint_id)
    return wait_for_attestation(bus, endpoint_id, count, timeout)


def attest_on_own_connection(address, endpoint_id):
    """attest_once() on a bus connection of its own, for threads."""
    bus = Bus(address)
    try:
        return attest_once(bus, endpoint_id, ATTEST_TIMEOUT)
    finally:
        bus.close()


def test_tag_limit_queues_requests(plug_device, mctpd, guest_spdmd,
                                   private_bus, processes, probe_path):
    device = plug_device(21, 9)
    publish(mctpd, device)
    guest_spdmd()
    private_bus.wait_for_state(device.endpoint_id, "verified",
                               ATTEST_TIMEOUT)
    count = attestation_count(private_bus, device.endpoint_id)

    holder = processes.start("hold-tags", [
        probe_path, "hold-tags", "--eid", device.eid,
        "--hold-ms", TAG_HOLD_SECONDS * 1000])
    holder.wait_for_output(r"^held 8 tags for EID 21$", 10)
    held_at = time.monotonic()
    released_ms = (time.time() + TAG_HOLD_SECONDS) * 1000

    def measure():
        bus = Bus(private_bus.address)
        try:
            reply = bus.get_signed_measurements(device.endpoint_id, [], "",
                                                0)
        finally:
            bus.close()
        return reply, time.monotonic() - held_at

    # Measurement calls and an attestation, all while no tag is free.
    with concurrent.futures.ThreadPoolExecutor(MEASUREMENT_CALLS) as pool:
        calls = [pool.submit(measure) for _ in range(MEASUREMENT_CALLS)]
        private_bus.attest(device.endpoint_id)
        results = [call.result() for call in calls]

    for reply, seconds in results:
        assert reply["SignedMeasurements"]
        assert reply["HashingAlgorithm"] == "TPM_ALG_SHA_512"
        # It waited for a tag instead of failing.
        assert seconds >= TAG_HOLD_SECONDS - 0.5
    holder.popen.wait(10)
    assert holder.popen.returncode == 0

    after = wait_for_attestation(private_bus, device.endpoint_id, count,
                                 ATTEST_TIMEOUT)
    assert after[ENDPOINT]["State"] == "verified"
    assert after[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_SUCCESS
    assert after[COMPONENT_INTEGRITY]["LastUpdated"] >= released_ms - 500


def test_late_responses_time_out_cleanly(plug_device, mctpd, guest_spdmd,
                                         private_bus):
    # Device 20 sends DIGESTS after spdmd gave up but within the kernel's
    # 6 s key lifetime, device 21 after the key lifetime.
    within = plug_device(20, 8, faults=["delay-at=GET_DIGESTS:3500"],
                         capture=True)
    after = plug_device(21, 9, faults=["delay-at=GET_DIGESTS:7000"],
                        capture=True)
    publish(mctpd, within)
    publish(mctpd, after)
    guest_spdmd()

    outcomes = {within.eid: [], after.eid: []}
    for device in (within, after):
        first = private_bus.wait_for_state(device.endpoint_id,
                                           "unreachable", ATTEST_TIMEOUT)
        outcomes[device.eid].append(first[ENDPOINT])
    # Attest again and again while the late responses come in. Each
    # attempt must end with its own timeout, never with a late response
    # taken for the response to a later request.
    deadline = time.monotonic() + LATE_WINDOW_SECONDS
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        while time.monotonic() < deadline:
            attempts = {eid: pool.submit(attest_on_own_connection,
                                         private_bus.address,
                                         f"mctp_{NETWORK}_{eid}")
                        for eid in outcomes}
            for eid, attempt in attempts.items():
                outcomes[eid].append(attempt.result()[ENDPOINT])

    for eid, attempts in outcomes.items():
        assert len(attempts) >= 4, f"EID {eid}: too few attempts"
        for project in attempts:
            assert (eid, project["State"], project["Reason"]) == \
                (eid, "unreachable", "timeout"), project["Detail"]
            assert "GET_DIGESTS" in project["Detail"]
    # The late responses did reach the line.
    for device in (within, after):
        responses, errors = mctp_wire.messages(device.captured("to-kernel"))
        assert errors == []
        digests = [m for m in responses if m.data[2:3] == b"\x01"]
        assert len(digests) >= 2, f"EID {device.eid}: no late DIGESTS"


def test_duplicate_responses_never_matched(plug_device, mctpd, guest_spdmd,
                                           private_bus):
    # The device sends a copy of each response, with its old tag, just
    # before the response to the next request. Linux hands out the lowest
    # free tag, so without care the next request has the same tag and
    # the copy passes for its response.
    device = plug_device(21, 9, faults=["late-duplicate"], capture=True)
    publish(mctpd, device)
    guest_spdmd()

    first = private_bus.wait_for_state(device.endpoint_id,
                                       ("verified", "failed"),
                                       ATTEST_TIMEOUT)
    assert first[ENDPOINT]["State"] == "verified", first[ENDPOINT]["Detail"]
    # The copy of the last response comes before the next VERSION.
    again = attest_once(private_bus, device.endpoint_id, ATTEST_TIMEOUT)
    assert again[ENDPOINT]["State"] == "verified", again[ENDPOINT]["Detail"]
    assert "(late-duplicate)" in device.log()
    assert device.requests().count("GET_VERSION") == 2
    # Each request has another tag than the one before it.
    requests, errors = mctp_wire.messages(device.captured("to-device"))
    assert errors == []
    tags = [request.tag for request in requests]
    assert len(tags) == len(device.requests())
    assert all(tag != following for tag, following in zip(tags, tags[1:]))


def start_traced_spdmd(processes, private_bus, spdmd_path, identity,
                       tmp_path, trace_path):
    """Start spdmd under strace, which logs its socket() and bind()
    calls; return the Spdmd."""
    keys = dict(GUEST_GLOBAL_KEYS, **{"trust-anchor": identity.anchor})
    config_path = tmp_path / "spdmd.conf"
    config_path.write_text(config_text(keys, []))
    state_dir = tmp_path / "traced-state"
    state_dir.mkdir()
    process = processes.start("spdmd-traced", [
        "strace", "-f", "-qq", "-e", "trace=socket,bind", "-o", trace_path,
        spdmd_path, "--config", config_path, "--bus-address",
        private_bus.address, "--state-dir", state_dir, "--log-stderr"])
    wait_for_name(private_bus, process)
    return Spdmd(process, config_path, state_dir)


def mctp_binds(trace_path):
    """Return the bind() calls on AF_MCTP sockets in a strace log, and
    the number of AF_MCTP sockets created."""
    text = trace_path.read_text()
    sockets = set(re.findall(r"^(\d+) +socket\(AF_MCTP, .*= (\d+)$", text,
                             re.MULTILINE))
    binds = [line for line in text.splitlines()
             if re.search(r"bind\(", line)
             and ("AF_MCTP" in line
                  or any(re.match(rf"{pid} +bind\({fd},", line)
                         for pid, fd in sockets))]
    return binds, len(sockets)


def test_no_bind_second_requester_works(plug_device, mctpd, private_bus,
                                        processes, spdmd_path, spdmctl_path,
                                        identity, probe_path, tmp_path):
    first = plug_device(20, 8)
    second = plug_device(21, 9)
    publish(mctpd, first)
    publish(mctpd, second)
    daemon_trace = tmp_path / "spdmd.strace"
    daemon = start_traced_spdmd(processes, private_bus, spdmd_path, identity,
                                tmp_path, daemon_trace)
    try:
        for device in (first, second):
            private_bus.wait_for_state(device.endpoint_id, "verified",
                                       ATTEST_TIMEOUT)

        # No socket is bound to the SPDM type, so a responder can bind it.
        # Its strace log shows what mctp_binds() finds when a bind happens.
        probe_trace = tmp_path / "probe.strace"
        probe = harness.run([
            "strace", "-f", "-qq", "-e", "trace=socket,bind", "-o",
            probe_trace, probe_path, "bind", "--type", SPDM_TYPE], 30)
        assert probe.returncode == 0, probe.stdout + probe.stderr
        assert len(mctp_binds(probe_trace)[0]) == 1
        # While one is bound, a second binding fails: the check above
        # would have seen a binding of spdmd's.
        holder = processes.start("bound-responder", [
            probe_path, "bind", "--type", SPDM_TYPE, "--hold-ms", 20000])
        holder.wait_for_output(r"^bound type 5$", 10)
        rejected = run_probe(probe_path, "bind", "--type", SPDM_TYPE)
        assert rejected.returncode == 1
        assert "Address already in use" in rejected.stdout

        # Beside that responder, spdmd attests device 20 while spdmctl,
        # a second unbound requester, attests device 21.
        for run in range(SPDMCTL_RUNS):
            trace = tmp_path / f"spdmctl{run}.strace"
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                cli = pool.submit(harness.run, [
                    "strace", "-f", "-qq", "-e", "trace=socket,bind", "-o",
                    trace, spdmctl_path, "attest", "--link",
                    f"mctp:{NETWORK}:{second.eid}", "--trust-anchor",
                    identity.anchor, "--json"], SPDMCTL_TIMEOUT)
                interfaces = attest_once(private_bus, first.endpoint_id,
                                         ATTEST_TIMEOUT)
                result = cli.result()
            assert result.returncode == 0, result.stdout + result.stderr
            assert json.loads(result.stdout)["verdict"] == "verified"
            assert interfaces[ENDPOINT]["State"] == "verified"
            binds, sockets = mctp_binds(trace)
            assert sockets == 1
            assert binds == []
    finally:
        stop_traced(daemon.process)

    binds, sockets = mctp_binds(daemon_trace)
    assert sockets >= 1
    assert binds == []


def test_one_type_byte_per_message(plug_device, mctpd, guest_spdmd,
                                   private_bus, spdmctl, identity):
    first = plug_device(20, 8, capture=True)
    second = plug_device(21, 9, capture=True)
    publish(mctpd, first)
    publish(mctpd, second)
    guest_spdmd()
    for device in (first, second):
        private_bus.wait_for_state(device.endpoint_id, "verified",
                                   ATTEST_TIMEOUT)
    result = spdmctl.run("attest", "--link", f"mctp:{NETWORK}:{first.eid}",
                         "--trust-anchor", identity.anchor)
    assert result.returncode == 0, result.stdout + result.stderr

    for device in (first, second):
        requests, request_errors = mctp_wire.messages(
            device.captured("to-device"))
        responses, response_errors = mctp_wire.messages(
            device.captured("to-kernel"))
        assert request_errors == []
        assert response_errors == []
        # One request per request the device logged, one response each.
        assert len(requests) == len(device.requests())
        assert len(responses) == len(requests)
        for message in requests + responses:
            # The type byte 0x05, then SPDMVersion (0x10 to 0x1f): a
            # second type byte would stand where the version belongs.
            assert message.data[0] == SPDM_TYPE
            assert 0x10 <= message.data[1] <= 0x1F, message.data[:4].hex()
        for message in requests:
            assert message.tag_owner
            assert message.data[2] >= 0x80
            assert message.destination == device.eid
            assert message.source == device.local_eid
        for message in responses:
            assert not message.tag_owner
            assert message.data[2] < 0x80
