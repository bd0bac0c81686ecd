# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of devices whose identity does not hold up: a wrong key,
chains that are untrusted, broken or unfit, signatures over the wrong
data, and devices that cannot prove possession of their key.

Every faulty device is attested next to a control device that differs
only by the fault, so each scenario also fails when the check it is
about stops rejecting, or starts rejecting good devices.
"""

import dbus
import pytest

from daemon_bus import ENDPOINT, INTERNAL_FAILURE

from .scenario_env import (expect_outcome, reattest, received_requests,
                           type_version)


def attest_with_control(identity, device, spdmd, bus, faulty_options,
                        control_options=None):
    """Attest a faulty device and its fault-free control on one spdmd;
    return (spdmd, faulty device, control device). The control must
    succeed."""
    faulty = device(**faulty_options)
    control = device(**(control_options or {"identity": identity}))
    daemon = spdmd(identity.anchor, {"faulty": faulty, "control": control})
    expect_outcome(bus, daemon, "control", "Success", "none")
    return daemon, faulty, control


def test_wrong_key_rejected(p384, device, spdmd, private_bus):
    daemon, _, _ = attest_with_control(
        p384, device, spdmd, private_bus,
        {"identity": p384, "faults": ["wrong-key"]})

    interfaces = expect_outcome(private_bus, daemon, "faulty", "Failed",
                                "signature-invalid")

    assert interfaces[ENDPOINT]["State"] == "failed"
    assert "CHALLENGE_AUTH" in interfaces[ENDPOINT]["Detail"]


# (test id, leaf variant of gen-test-pki.sh or None, faults, reason)
CHAIN_FAULTS = [
    ("untrusted-root", "untrusted", [], "chain-untrusted"),
    ("root-hash-mismatch", None, ["root-hash-mismatch"],
     "root-hash-mismatch"),
    ("digest-mismatch", None, ["digest-mismatch"], "digest-mismatch"),
    ("cert-chain-hash-wrong", None, ["cert-chain-hash-wrong"],
     "cert-chain-hash-mismatch"),
    ("expired-leaf", "expired", [], "cert-expired"),
    ("not-yet-valid-leaf", "not_yet_valid", [], "cert-not-yet-valid"),
    ("requester-only-leaf", "req_eku", [], "leaf-wrong-role"),
    ("leaf-without-digital-signature", "no_digital_signature", [],
     "leaf-invalid"),
    ("leaf-is-a-ca", "leaf_ca", [], "leaf-invalid"),
    ("path-length-exceeded", "long_pathlen", [], "chain-invalid"),
]


@pytest.mark.parametrize(
    "variant, faults, reason",
    [pytest.param(v, f, r, id=name) for name, v, f, r in CHAIN_FAULTS])
def test_chain_fault_rejected(variant, faults, reason, p384, device, spdmd,
                              private_bus):
    served = p384.with_chain(variant) if variant else p384
    daemon, _, _ = attest_with_control(
        p384, device, spdmd, private_bus,
        {"identity": served, "faults": faults})

    interfaces = expect_outcome(private_bus, daemon, "faulty", "Failed",
                                reason)

    assert interfaces[ENDPOINT]["State"] == "failed"


def test_replayed_challenge_auth_rejected(p384, device, spdmd, private_bus):
    # Without replay-file the device responds to every CHALLENGE after the
    # first with the CHALLENGE_AUTH it made for the first one.
    replaying = device(p384, faults=["replay-challenge-auth"])
    daemon = spdmd(p384.anchor, {"replaying": replaying})
    expect_outcome(private_bus, daemon, "replaying", "Success", "none")

    interfaces = reattest(private_bus, daemon, "replaying", "Failed",
                          "signature-invalid")

    assert "CHALLENGE_AUTH" in interfaces[ENDPOINT]["Detail"]
    assert received_requests(replaying).count("CHALLENGE") == 2


@pytest.mark.parametrize("versions, fault", [
    ("1.2", "prefix=none"),
    ("1.1", "prefix=always"),
], ids=["1.2-without-prefix", "1.1-with-prefix"])
def test_signing_prefix_fault_rejected(versions, fault, p384, device, spdmd,
                                       private_bus):
    daemon, _, _ = attest_with_control(
        p384, device, spdmd, private_bus,
        {"identity": p384, "versions": versions, "faults": [fault]},
        {"identity": p384, "versions": versions})

    interfaces = expect_outcome(private_bus, daemon, "faulty", "Failed",
                                "signature-invalid")

    assert type_version(interfaces).startswith(versions + ".")


def test_signed_measurements_prove_possession(p384, device, spdmd,
                                              private_bus):
    no_challenge = device(p384, caps="CERT|MEAS_SIG|MEAS_FRESH")
    daemon = spdmd(p384.anchor, {"no_challenge": no_challenge})

    expect_outcome(private_bus, daemon, "no_challenge", "Success", "none")

    requests = received_requests(no_challenge)
    assert "CHALLENGE" not in requests
    assert "GET_MEASUREMENTS" in requests


def test_signed_measurements_wrong_key_rejected(p384, device, spdmd,
                                                private_bus):
    no_challenge = device(p384, caps="CERT|MEAS_SIG|MEAS_FRESH",
                          faults=["wrong-key"])
    daemon = spdmd(p384.anchor, {"no_challenge": no_challenge})

    interfaces = expect_outcome(private_bus, daemon, "no_challenge",
                                "Failed", "signature-invalid")

    assert "MEASUREMENTS" in interfaces[ENDPOINT]["Detail"]


# A device without CHAL_CAP that cannot sign measurements has no way to
# prove it has its key. With CERT_CAP that combination is illegal
# (DSP0274 1.0: CERT_CAP must equal CHAL_CAP unless MEAS_CAP is 10b;
# 1.1 and 1.2: CERT_CAP needs CHAL_CAP, KEY_EX_CAP or MEAS_CAP 10b).
# Without it the device is legal but signs nothing, so spdmd stops after
# CAPABILITIES with no-proof-of-possession.
UNPROVABLE_DEVICES = [
    ("1.0-cert-unsigned", "1.0", "CERT|MEAS_NO_SIG", "illegal-capabilities"),
    ("1.1-cert-unsigned", "1.1", "CERT|MEAS_NO_SIG", "illegal-capabilities"),
    ("1.2-cert-unsigned", "1.2", "CERT|MEAS_NO_SIG", "illegal-capabilities"),
    ("1.2-unsigned-only", "1.2", "MEAS_NO_SIG", "no-proof-of-possession"),
    ("1.1-unsigned-only", "1.1", "MEAS_NO_SIG", "no-proof-of-possession"),
    ("1.0-unsigned-only", "1.0", "MEAS_NO_SIG", "no-proof-of-possession"),
]


@pytest.mark.parametrize(
    "versions, caps, reason",
    [pytest.param(v, c, r, id=name) for name, v, c, r in UNPROVABLE_DEVICES])
def test_unsigned_measurements_never_succeed(versions, caps, reason, p384,
                                             device, spdmd, private_bus):
    daemon, faulty, _ = attest_with_control(
        p384, device, spdmd, private_bus,
        {"identity": p384, "versions": versions, "caps": caps},
        {"identity": p384, "versions": versions,
         "caps": "CERT|CHAL|MEAS_NO_SIG"})

    expect_outcome(private_bus, daemon, "faulty", "Failed", reason)
    reattest(private_bus, daemon, "faulty", "Failed", reason)

    assert "GET_MEASUREMENTS" not in received_requests(faulty)


def test_unsigned_device_gives_no_signed_measurements(p384, device, spdmd,
                                                      private_bus):
    unsigned = device(p384, caps="CERT|CHAL|MEAS_NO_SIG")
    daemon = spdmd(p384.anchor, {"unsigned": unsigned})
    expect_outcome(private_bus, daemon, "unsigned", "Success", "none")

    with pytest.raises(dbus.DBusException) as raised:
        private_bus.get_signed_measurements("unsigned", [], "", 0)

    assert raised.value.get_dbus_name() == INTERNAL_FAILURE
    assert "no-proof-of-possession" in raised.value.get_dbus_message()
