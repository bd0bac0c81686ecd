# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of devices that negotiate wrongly: no common version,
illegal algorithm selections and capability flags, and certificate
portions that never advance. Each fails with a protocol reason within
its time bound, without hanging or crashing spdmd."""

import pytest

from daemon_bus import COMPONENT_INTEGRITY, ENDPOINT

from .scenario_env import (expect_outcome, reattest, received_requests,
                           type_version)

# An attestation that fails on a protocol rule needs no timeout, so it
# ends well within one timeout cap (1 s) plus the machine's slack.
PROTOCOL_FAILURE_MS = 2000

# (test id, device faults, spdmd versions setting or None)
NO_COMMON_VERSION = [
    ("device-1.3-only", ["versions=1.3"], None),
    ("device-unknown-version-only", ["versions=2.0"], None),
    ("spdmd-1.0-1.1-device-1.2", ["versions=1.2"], "1.0,1.1"),
]


@pytest.mark.parametrize(
    "faults, offered",
    [pytest.param(f, o, id=name) for name, f, o in NO_COMMON_VERSION])
def test_version_mismatch_stops_after_version(faults, offered, p384, device,
                                              spdmd, private_bus):
    mismatched = device(p384, faults=faults)
    control = device(p384)
    keys = {"versions": offered} if offered else {}
    daemon = spdmd(p384.anchor, {"mismatched": mismatched,
                                 "control": control}, **keys)

    interfaces = expect_outcome(private_bus, daemon, "mismatched", "Failed",
                                "no-common-version")
    expect_outcome(private_bus, daemon, "control", "Success", "none")

    assert received_requests(mismatched) == ["GET_VERSION"]
    assert interfaces[ENDPOINT]["State"] == "failed"
    assert "VERSION" in interfaces[ENDPOINT]["Detail"]


# (test id, device faults, reason)
PROTOCOL_FAULTS = [
    ("two-asym-algorithms-selected", ["alg-select=ECDSA_P256|ECDSA_P384"],
     "illegal-algorithm-selection"),
    ("unoffered-asym-algorithm-selected", ["alg-select=SM2_P256"],
     "illegal-algorithm-selection"),
    ("no-asym-algorithm-selected", ["alg-select=0"],
     "illegal-algorithm-selection"),
    ("meas-cap-reserved-value", ["caps=CERT|CHAL|MEAS_NO_SIG|MEAS_SIG"],
     "illegal-capabilities"),
    ("key-ex-without-mac-or-encrypt", ["caps=CERT|CHAL|KEY_EX"],
     "illegal-capabilities"),
    ("cert-and-pub-key-id", ["caps=CERT|CHAL|PUB_KEY_ID"],
     "illegal-capabilities"),
    ("empty-certificate-portions", ["portion-zero"],
     "cert-portion-invalid"),
]


@pytest.mark.parametrize(
    "faults, reason",
    [pytest.param(f, r, id=name) for name, f, r in PROTOCOL_FAULTS])
def test_protocol_fault_fails_fast(faults, reason, p384, device, spdmd,
                                   private_bus):
    faulty = device(p384, faults=faults)
    control = device(p384)
    daemon = spdmd(p384.anchor, {"faulty": faulty, "control": control})

    interfaces = expect_outcome(private_bus, daemon, "faulty", "Failed",
                                reason)
    expect_outcome(private_bus, daemon, "control", "Success", "none")

    assert (interfaces[COMPONENT_INTEGRITY]["LastUpdated"]
            - interfaces[ENDPOINT]["LastAttempt"]) < PROTOCOL_FAILURE_MS
    # The same device fails the same way again, and spdmd stays up.
    reattest(private_bus, daemon, "faulty", "Failed", reason)
    assert daemon.process.running()


def test_empty_portions_not_requested_forever(p384, device, spdmd,
                                              private_bus):
    faulty = device(p384, faults=["portion-zero"])
    daemon = spdmd(p384.anchor, {"faulty": faulty})

    expect_outcome(private_bus, daemon, "faulty", "Failed",
                   "cert-portion-invalid")

    assert received_requests(faulty).count("GET_CERTIFICATE") <= 2
    assert "CHALLENGE" not in received_requests(faulty)


def test_1_1_device_negotiates_down(p384, device, spdmd, private_bus):
    old = device(p384, faults=["versions=1.0,1.1"])
    daemon = spdmd(p384.anchor, {"old": old})

    interfaces = expect_outcome(private_bus, daemon, "old", "Success",
                                "none")

    assert type_version(interfaces).startswith("1.1.")
