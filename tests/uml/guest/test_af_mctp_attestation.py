# SPDX-License-Identifier: BSD-3-Clause
"""spdmd attests devices behind MCTP serial links over AF_MCTP, inside
the User-mode Linux guest, with the kernel's MCTP stack in between."""

import time

from daemon_bus import (COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, STATUS_FAILED,
                        STATUS_SUCCESS, STATUS_UNKNOWN)

from conftest import NETWORK, af_mctp_sockets, publish

# Seconds the attestations of one scenario may take together.
ATTEST_TIMEOUT = 30
# Seconds from an unplug to the endpoint's result: spdmd's longest wait
# for a response in that test (4 s), and time to notice and publish it.
UNPLUG_BOUND = 6


def test_two_devices_attested_concurrently(plug_device, mctpd, guest_spdmd,
                                            private_bus):
    first = plug_device(20, 8)
    second = plug_device(21, 9)
    publish(mctpd, first)
    publish(mctpd, second)
    guest_spdmd()

    results = {}
    for device in (first, second):
        results[device.eid] = private_bus.wait_for_state(
            device.endpoint_id, "verified", ATTEST_TIMEOUT)
    for eid, interfaces in results.items():
        project = interfaces[ENDPOINT]
        assert interfaces[IDENTITY_AUTHENTICATION][
            "ResponderVerificationStatus"] == STATUS_SUCCESS
        assert project["Transport"] == "af-mctp"
        assert project["Link"] == "mctp:1"
        assert project["Network"] == 1
        assert project["EID"] == eid
        assert project["Reason"] == "none"
    # Both attestations ran at once: each started before the other ended.
    first, second = results[20], results[21]
    assert first[ENDPOINT]["LastAttempt"] < \
        second[COMPONENT_INTEGRITY]["LastUpdated"]
    assert second[ENDPOINT]["LastAttempt"] < \
        first[COMPONENT_INTEGRITY]["LastUpdated"]


def test_wrong_key_fails_only_that_device(plug_device, mctpd, guest_spdmd,
                                          private_bus):
    good = plug_device(20, 8)
    forged = plug_device(21, 9, faults=["wrong-key"])
    publish(mctpd, good)
    publish(mctpd, forged)
    guest_spdmd()

    verified = private_bus.wait_for_state(good.endpoint_id, "verified",
                                          ATTEST_TIMEOUT)
    failed = private_bus.wait_for_state(forged.endpoint_id, "failed",
                                        ATTEST_TIMEOUT)
    assert verified[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_SUCCESS
    assert failed[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_FAILED
    assert failed[ENDPOINT]["Reason"] == "signature-invalid"


def test_unplug_during_certificate(plug_device, mctpd, guest_spdmd,
                                   private_bus, spdmctl, identity):
    # Both devices are slow to send their chain, so both attestations
    # are in GET_CERTIFICATE when one device goes away.
    steady = plug_device(20, 8, faults=["delay-at=GET_CERTIFICATE:1500"])
    leaving = plug_device(21, 9, faults=["delay-at=GET_CERTIFICATE:3000"])
    publish(mctpd, steady)
    publish(mctpd, leaving)
    guest_spdmd(timeout_floor_ms=2500, timeout_cap_ms=4000)

    leaving.wait_for_request("GET_CERTIFICATE", ATTEST_TIMEOUT)
    unplugged_at = time.monotonic()
    leaving.unplug()
    lost = private_bus.wait_for_state(leaving.endpoint_id, "unreachable",
                                      UNPLUG_BOUND)
    assert time.monotonic() - unplugged_at < UNPLUG_BOUND
    assert lost[ENDPOINT]["Reason"] in ("timeout", "link-lost")
    assert lost[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_UNKNOWN

    # spdmctl, a second requester, does not hang on the missing device.
    started = time.monotonic()
    code, document, _ = spdmctl.run_json(
        "attest", "--link", f"mctp:{NETWORK}:{leaving.eid}",
        "--trust-anchor", identity.anchor)
    assert time.monotonic() - started < UNPLUG_BOUND
    assert code != 0
    assert document["verdict"] == "failed"
    assert document["reason"] in ("timeout", "link-lost")

    # The other device's attestation, running at the time, is unaffected.
    verified = private_bus.wait_for_state(steady.endpoint_id, "verified",
                                          ATTEST_TIMEOUT)
    assert verified[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_SUCCESS
    assert verified[ENDPOINT]["AttestationCount"] == 1

    # mctpd drops the endpoint of a link that went away, and publishes
    # it again when the device is back; spdmd attests it once more.
    mctpd.remove(NETWORK, leaving.eid)
    private_bus.wait_for(
        lambda: leaving.endpoint_id not in private_bus.endpoints(),
        ATTEST_TIMEOUT, f"{leaving.endpoint_id} removed")
    back = plug_device(21, 9)
    publish(mctpd, back)
    again = private_bus.wait_for_state(back.endpoint_id, "verified",
                                       ATTEST_TIMEOUT)
    assert again[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_SUCCESS
    assert "GET_CERTIFICATE" in back.requests()


def test_unplug_endpoint_removed_at_once(plug_device, mctpd, guest_spdmd,
                                         private_bus):
    # As mctpd does when the interface goes away, the endpoint is removed
    # while spdmd still waits for the device's CERTIFICATE.
    steady = plug_device(20, 8)
    leaving = plug_device(21, 9, faults=["delay-at=GET_CERTIFICATE:3000"])
    publish(mctpd, steady)
    publish(mctpd, leaving)
    daemon = guest_spdmd(timeout_floor_ms=2500, timeout_cap_ms=4000)

    leaving.wait_for_request("GET_CERTIFICATE", ATTEST_TIMEOUT)
    leaving.unplug()
    mctpd.remove(NETWORK, leaving.eid)
    removed_at = time.monotonic()
    private_bus.wait_for(
        lambda: leaving.endpoint_id not in private_bus.endpoints(),
        UNPLUG_BOUND, f"{leaving.endpoint_id} removed")
    assert time.monotonic() - removed_at < UNPLUG_BOUND
    verified = private_bus.wait_for_state(steady.endpoint_id, "verified",
                                          ATTEST_TIMEOUT)
    assert verified[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_SUCCESS

    back = plug_device(21, 9)
    publish(mctpd, back)
    again = private_bus.wait_for_state(back.endpoint_id, "verified",
                                       ATTEST_TIMEOUT)
    assert again[ENDPOINT]["Reason"] == "none"
    assert daemon.process.running()


def test_same_eid_on_two_networks(plug_device, mctpd, guest_spdmd,
                                  private_bus):
    # EID 20 on network 1 signs with the right key, EID 20 on network 2
    # with a forged one, so a response taken for the other network's
    # request shows as the wrong result.
    good = plug_device(20, 8)
    forged = plug_device(20, 8, faults=["wrong-key"], network=2)
    publish(mctpd, good)
    publish(mctpd, forged)
    daemon = guest_spdmd(af_mctp_network=f"{NETWORK},2")

    verified = private_bus.wait_for_state(good.endpoint_id, "verified",
                                          ATTEST_TIMEOUT)
    failed = private_bus.wait_for_state(forged.endpoint_id, "failed",
                                        ATTEST_TIMEOUT)
    assert verified[ENDPOINT]["Network"] == NETWORK
    assert failed[ENDPOINT]["Network"] == 2
    assert failed[ENDPOINT]["Reason"] == "signature-invalid"
    assert "GET_CERTIFICATE" in good.requests()
    assert "GET_CERTIFICATE" in forged.requests()
    # Both networks went through one AF_MCTP socket.
    assert af_mctp_sockets(daemon.process.pid) == 1
