# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of devices that are not there, go away or take their time:
each ends within the time bound of spdmd's timeouts, and a device that
comes back is attested again."""

import re
from pathlib import Path

import pytest

from daemon_bus import (COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, STATUS_UNKNOWN)
from daemon_env import EndpointConfig

from .scenario_env import (SCENARIO_GLOBAL_KEYS, expect_outcome,
                           outcome_lines, received_requests)

# A request waits at most timeout-cap-ms; the margin is for a loaded
# machine running spdmd, the devices and the bus.
TIMEOUT_CAP_MS = SCENARIO_GLOBAL_KEYS["timeout-cap-ms"]
MARGIN_MS = 1000
SPDM = 0x05
CONTROL = 0x00


def attempt_ms(interfaces):
    """Return how long the endpoint's last attestation took, in ms."""
    return (interfaces[COMPONENT_INTEGRITY]["LastUpdated"]
            - interfaces[ENDPOINT]["LastAttempt"])


def test_silent_device_times_out_alone(p384, device, spdmd, private_bus):
    silent = device(p384, faults=["silent"])
    good = device(p384)
    # GET_VERSION waits ST1 (100 ms) plus the floor: 1.1 s, time enough
    # for the good device's whole attestation on a loaded machine.
    daemon = spdmd(p384.anchor, {"silent": silent, "good": good},
                   timeout_floor_ms=1000, timeout_cap_ms=2000)

    unreachable = expect_outcome(private_bus, daemon, "silent", "Unknown",
                                 "timeout")
    verified = expect_outcome(private_bus, daemon, "good", "Success",
                              "none")

    assert unreachable[ENDPOINT]["State"] == "unreachable"
    assert "GET_VERSION" in unreachable[ENDPOINT]["Detail"]
    assert attempt_ms(unreachable) >= 1100
    assert attempt_ms(unreachable) <= 2000 + MARGIN_MS
    # The good device is not held up by the silent one's timeout.
    assert (verified[COMPONENT_INTEGRITY]["LastUpdated"]
            <= unreachable[COMPONENT_INTEGRITY]["LastUpdated"])
    assert received_requests(silent) == ["GET_VERSION"]


def test_absent_device_is_unreachable(p384, device, spdmd, private_bus,
                                      tmp_path):
    good = device(p384)
    absent_link = f"unix:{tmp_path / 'absent.sock'}"
    daemon = spdmd(p384.anchor, [EndpointConfig("absent", absent_link),
                                 EndpointConfig("good", good.link)])

    # No link, so no attestation starts: spdmd retries opening the link
    # and publishes the endpoint as unreachable meanwhile.
    unreachable = private_bus.wait_for_state("absent", "unreachable", 10)
    expect_outcome(private_bus, daemon, "good", "Success", "none")

    assert (unreachable[IDENTITY_AUTHENTICATION]
            ["ResponderVerificationStatus"] == STATUS_UNKNOWN)
    assert unreachable[ENDPOINT]["Reason"] == "link-lost"
    assert unreachable[COMPONENT_INTEGRITY]["LastUpdated"] == 0
    assert daemon.log_lines(r"absent\.sock: failed to open")
    assert not outcome_lines(daemon, "absent")


def certificate_portions(identity, portion):
    """Return how many GET_CERTIFICATE requests the identity's slot 0
    chain takes in portions of the given size, with SHA-384."""
    size = 4 + 48 + identity.chain.stat().st_size
    return -(-size // portion)


# Where a device drops the link: the responses it sends first.
PORTION = 256


def responses_before(point, identity):
    vca = 3
    if point == "after-version":
        return 1
    if point == "mid-certificate":
        return vca + 1 + 2
    return vca + 1 + certificate_portions(identity, PORTION)


# (test id, where, fault, reason, the request the device stopped at)
DISCONNECTS = [
    ("hang-up-after-version", "after-version", "hang-up-after",
     "link-lost", "GET_CAPABILITIES"),
    ("hang-up-mid-certificate", "mid-certificate", "hang-up-after",
     "link-lost", "GET_CERTIFICATE"),
    ("hang-up-before-challenge-auth", "before-challenge-auth",
     "hang-up-after", "link-lost", "CHALLENGE"),
    ("silent-after-version", "after-version", "stop-after", "timeout",
     "GET_CAPABILITIES"),
    ("silent-mid-certificate", "mid-certificate", "stop-after", "timeout",
     "GET_CERTIFICATE"),
    ("silent-before-challenge-auth", "before-challenge-auth", "stop-after",
     "timeout", "CHALLENGE"),
]


@pytest.mark.parametrize(
    "point, fault, reason, last_request",
    [pytest.param(p, f, r, q, id=name) for name, p, f, r, q in DISCONNECTS])
def test_disconnect_then_device_returns(point, fault, reason, last_request,
                                        p384, device, device_at, spdmd,
                                        private_bus):
    count = responses_before(point, p384)
    faulty = device(p384, faults=[f"{fault}={count}",
                                  f"cert-portion={PORTION}"])
    steady = device(p384)
    daemon = spdmd(p384.anchor, {"flaky": faulty, "steady": steady})

    interfaces = expect_outcome(private_bus, daemon, "flaky", "Unknown",
                                reason)
    expect_outcome(private_bus, daemon, "steady", "Success", "none")

    assert interfaces[ENDPOINT]["State"] == "unreachable"
    assert received_requests(faulty)[-1] == last_request
    assert last_request in interfaces[ENDPOINT]["Detail"]

    # The device comes back, without the fault, on the same socket.
    socket_path = faulty.link[len("unix:"):]
    faulty.process.stop()
    Path(socket_path).unlink(missing_ok=True)
    device_at(socket_path, p384)
    returned = private_bus.attest_until("flaky", "verified", 20)

    assert returned[ENDPOINT]["Reason"] == "none"
    assert daemon.log_lines(r"flaky .*attestation PASSED")


def device_message_types(dev):
    """Return the MCTP message types a device reports on its stdout,
    with the control type every MCTP endpoint has."""
    match = re.search(r"^endpoint: eid=\d+ message-types=(\S+)$",
                      dev.process.output(), re.M)
    assert match, dev.process.output()
    types = [CONTROL]
    if match.group(1) != "none":
        types += [int(value, 0) for value in match.group(1).split(",")]
    return types


def test_device_without_spdm_not_attested(p384, device, start_mctpd,
                                          spdmd, private_bus):
    plain = device(p384, faults=["no-spdm"])
    spdm_capable = device(p384)
    plain_types = device_message_types(plain)
    assert SPDM not in plain_types
    assert SPDM in device_message_types(spdm_capable)

    mctpd = start_mctpd()
    mctpd.add(1, 10, device_message_types(spdm_capable))
    mctpd.add(1, 11, plain_types)
    daemon = spdmd(p384.anchor, [], mctpd_discovery="yes")
    private_bus.wait_for(lambda: "mctp_1_10" in private_bus.endpoints(),
                         10, "mctp_1_10 published")
    private_bus.wait_for_state("mctp_1_10", "unreachable", 10)

    assert "mctp_1_11" not in private_bus.endpoints()
    assert not daemon.log_lines(r"mctp_1_11|EID 11\b")


# CTExponent 19: the device may take 2^19 us (524 ms) per crypto request.
CT_EXPONENT = 19
SLOW_KEYS = {"timeout_floor_ms": 200, "timeout_cap_ms": 3000}


def test_slow_device_within_ct_succeeds(p384, device, spdmd, private_bus):
    # 450 ms is within CT + floor (724 ms) but beyond the floor alone.
    slow = device(p384, ct_exponent=CT_EXPONENT,
                  faults=["delay-at=CHALLENGE:450"])
    daemon = spdmd(p384.anchor, {"slow": slow}, **SLOW_KEYS)

    interfaces = expect_outcome(private_bus, daemon, "slow", "Success",
                                "none")

    assert attempt_ms(interfaces) >= 450


def test_slow_device_beyond_ct_times_out(p384, device, spdmd, private_bus):
    # 1500 ms is beyond CT + floor (724 ms) but within the 3 s cap.
    slow = device(p384, ct_exponent=CT_EXPONENT,
                  faults=["delay-at=CHALLENGE:1500"])
    daemon = spdmd(p384.anchor, {"slow": slow}, **SLOW_KEYS)

    interfaces = expect_outcome(private_bus, daemon, "slow", "Unknown",
                                "timeout")

    assert "CHALLENGE" in interfaces[ENDPOINT]["Detail"]
    assert attempt_ms(interfaces) < 1500


@pytest.mark.parametrize("delay_ms, status, reason", [
    (100, "Success", "none"),
    (600, "Unknown", "timeout"),
], ids=["within-st1", "beyond-st1"])
def test_every_response_delayed(delay_ms, status, reason, p384, device,
                                spdmd, private_bus):
    # VCA requests may take ST1 (100 ms) plus the 200 ms floor.
    slow = device(p384, faults=[f"delay={delay_ms}"])
    daemon = spdmd(p384.anchor, {"slow": slow})

    interfaces = expect_outcome(private_bus, daemon, "slow", status, reason)

    if status == "Success":
        assert attempt_ms(interfaces) >= 7 * delay_ms
    else:
        assert "GET_VERSION" in interfaces[ENDPOINT]["Detail"]
