# SPDX-License-Identifier: BSD-3-Clause
"""SPDMGetSignedMeasurements on spdmd: argument checks, the reply, and
offline verification of the reply by spdmctl."""

import base64
import re
import struct

import dbus
import pytest

import conversation

from daemon_bus import CERTS_ROOT, INTERNAL_FAILURE, INVALID_ARGUMENT
from daemon_env import ATTEST_TIMEOUT, P384_SHA384, EndpointConfig

NONCE = "00112233445566778899aabbccddeeff" * 2
# D-Bus type of size_t where the tests run: spdmd registers the method
# with the one that matches its own size_t.
SIZE_TYPE = "t" if struct.calcsize("N") == 8 else "u"


@pytest.fixture
def measured(unix_device, sample_identity, start_spdmd, private_bus):
    """spdmd with a verified 1.2 device dev12 and a 1.1 device dev11."""
    identity = sample_identity("ecp384")
    new = unix_device(identity, **P384_SHA384)
    old = unix_device(identity, versions="1.1", **P384_SHA384)
    daemon = start_spdmd({"trust-anchor": identity.anchor},
                         [EndpointConfig("dev12", new.link),
                          EndpointConfig("dev11", old.link)])
    private_bus.wait_for_state("dev12", "verified", ATTEST_TIMEOUT)
    private_bus.wait_for_state("dev11", "verified", ATTEST_TIMEOUT)
    return {"daemon": daemon, "devices": {"dev12": new, "dev11": old}}


def call(bus, indices=(), nonce="", slot=0, endpoint="dev12"):
    return bus.get_signed_measurements(endpoint, list(indices), nonce, slot,
                                       SIZE_TYPE)


def call_error(bus, **arguments):
    """Call and return the D-Bus error the call must fail with."""
    with pytest.raises(dbus.DBusException) as raised:
        call(bus, **arguments)
    return raised.value


def test_method_signature_follows_size_t(measured, private_bus):
    xml = private_bus.introspect("/xyz/openbmc_project/component_integrity/"
                                 "dev12")
    method = re.search(r'<method name="SPDMGetSignedMeasurements">(.*?)'
                       r"</method>", xml, re.S).group(1)

    assert re.search(r'type="a' + SIZE_TYPE + r'"[^>]*direction="in"',
                     method)
    assert re.search(r'type="' + SIZE_TYPE + r'"[^>]*direction="in"',
                     method)


def test_reply_fields(measured, private_bus):
    reply = call(private_bus)

    assert reply["Certificate"] == f"{CERTS_ROOT}/dev12/slot0"
    assert reply["HashingAlgorithm"] == "TPM_ALG_SHA_384"
    assert reply["SigningAlgorithm"] == "TPM_ALG_ECDSA_ECC_NIST_P384"
    assert reply["Version"] == "1.2"
    assert reply["PublicKey"].startswith("-----BEGIN PUBLIC KEY-----")
    assert len(base64.b64decode(reply["SignedMeasurements"],
                                validate=True)) > 96


def test_caller_nonce_in_signed_request(measured, private_bus):
    reply = call(private_bus, nonce=NONCE)
    blob = base64.b64decode(reply["SignedMeasurements"], validate=True)

    # VCA first: GET_VERSION is always sent as version 1.0.
    assert blob[:4] == bytes([0x10, 0x84, 0x00, 0x00])
    # GET_MEASUREMENTS 1.2, signature requested, all blocks, then Nonce.
    request = bytes([0x12, 0xe0, 0x01, 0xff]) + bytes.fromhex(NONCE)
    assert blob.count(request) == 1


def test_version_1_1_reply(measured, private_bus):
    reply = call(private_bus, endpoint="dev11", nonce=NONCE)
    blob = base64.b64decode(reply["SignedMeasurements"], validate=True)

    assert reply["Version"] == "1.1"
    # 1.0 and 1.1 sign the measurement messages only.
    assert blob[:2] == bytes([0x11, 0xe0])


@pytest.mark.parametrize("indices", [[255], [1], [1, 2, 3], [254]],
                         ids=["all", "one", "three", "highest"])
def test_valid_indices_accepted(indices, measured, private_bus):
    reply = call(private_bus, indices=indices, nonce=NONCE)

    assert reply["Version"] == "1.2"


INVALID_CASES = [
    ({"nonce": "abcd"}, "nonce"),
    ({"nonce": NONCE + "00"}, "nonce"),
    ({"nonce": "zz" * 32}, "nonce"),
    ({"nonce": " " + NONCE[1:]}, "nonce"),
    ({"indices": [0]}, "ind"),
    ({"indices": [255, 1]}, "ind"),
    ({"indices": [1, 255]}, "ind"),
    ({"indices": [2, 2]}, "ind"),
    ({"indices": [256]}, "ind"),
    ({"slot": 8}, "slot"),
    ({"slot": 99}, "slot"),
    ({"slot": 1}, "slot"),  # a slot the device has no chain in
]


@pytest.mark.parametrize("arguments, named", INVALID_CASES,
                         ids=["nonce-short", "nonce-long", "nonce-not-hex",
                              "nonce-space", "index-0", "255-first",
                              "255-last", "duplicate", "index-256",
                              "slot-8", "slot-99", "slot-unprovisioned"])
def test_invalid_argument(arguments, named, measured, private_bus):
    error = call_error(private_bus, **arguments)

    assert error.get_dbus_name() == INVALID_ARGUMENT
    assert named in error.get_dbus_message().lower()


def test_unreachable_device_internal_failure(measured, private_bus):
    measured["devices"]["dev12"].process.stop()

    error = call_error(private_bus, nonce=NONCE)

    assert error.get_dbus_name() == INTERNAL_FAILURE
    assert error.get_dbus_message() != ""


def run_spdmctl(spdmctl, private_bus, *args):
    return spdmctl.run("get-signed-measurements", *args, "--bus-address",
                       private_bus.address)


def test_spdmctl_verifies_caller_nonce(measured, private_bus, spdmctl):
    result = run_spdmctl(spdmctl, private_bus, "dev12", "--nonce", NONCE)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Nonce:              {NONCE}" in result.stdout
    assert "Signature:          valid" in result.stdout
    assert "Result:             VERIFIED" in result.stdout


def test_spdmctl_verifies_1_1(measured, private_bus, spdmctl):
    result = run_spdmctl(spdmctl, private_bus, "dev11", "--indices", "1,2")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Version:            1.1" in result.stdout


def test_spdmctl_saves_blob(measured, private_bus, spdmctl, tmp_path):
    saved = tmp_path / "signed.bin"

    result = run_spdmctl(spdmctl, private_bus, "dev12", "--nonce", NONCE,
                         "--save", saved)

    assert result.returncode == 0, result.stdout + result.stderr
    assert bytes.fromhex(NONCE) in saved.read_bytes()


def test_spdmctl_rejects_unknown_endpoint(measured, private_bus, spdmctl):
    result = run_spdmctl(spdmctl, private_bus, "nope")

    assert result.returncode == 1
    assert "failed to get signed measurements" in result.stderr


def test_spdmctl_shows_invalid_argument(measured, private_bus, spdmctl):
    result = run_spdmctl(spdmctl, private_bus, "dev12", "--indices", "0")

    assert result.returncode == 1
    assert INVALID_ARGUMENT in result.stderr


def test_spdmctl_rejects_bad_nonce_text(measured, private_bus, spdmctl):
    result = run_spdmctl(spdmctl, private_bus, "dev12", "--nonce", "xyz")

    assert result.returncode == 2
    assert "invalid --nonce" in result.stderr



# Request and response codes of the certificate exchange (DSP0274 1.2
# tables 4 and 5): GET_DIGESTS, DIGESTS, GET_CERTIFICATE, CERTIFICATE.
CHAIN_EXCHANGE_CODES = {0x81, 0x01, 0x82, 0x02}


def splice_chain(signed, evidence):
    """Return signed (VCA and measurements) with the certificate exchange
    of evidence put after VCA.

    The chain exchange does not enter the MEASUREMENTS signature (L1/L2
    is VCA and the measurement messages from 1.2 on), so the spliced
    conversation still carries spdmd's signature, and it gives spdmctl
    verify the chain to check it with.
    """
    chain = [message for message in evidence.messages
             if message.code in CHAIN_EXCHANGE_CODES]
    return conversation.Conversation(
        ["# flow: spdmd SignedMeasurements with the device's chain"],
        signed.messages[:6] + chain + signed.messages[6:])


def test_spdmctl_verify_accepts_reply(measured, private_bus, spdmctl,
                                      unix_device, sample_identity,
                                      tmp_path):
    identity = sample_identity("ecp384")
    # A twin of dev12 (same chain and key) responds to the certificate
    # requests, because spdmd keeps dev12's socket connected.
    twin = unix_device(identity, **P384_SHA384)
    evidence_path = tmp_path / "evidence.txt"
    signed_path = tmp_path / "signed.txt"
    spliced_path = tmp_path / "spliced.txt"
    code, _, stderr = spdmctl.attest(twin, "--save-evidence", evidence_path)
    assert code == 0, stderr
    result = run_spdmctl(spdmctl, private_bus, "dev12", "--nonce", NONCE,
                         "--save-conversation", signed_path)
    assert result.returncode == 0, result.stdout + result.stderr
    spliced = splice_chain(conversation.parse(signed_path.read_text()),
                           conversation.parse(evidence_path.read_text()))
    spliced_path.write_text(spliced.text())

    verify = spdmctl.run("verify", "--trust-anchor", identity.anchor,
                         spliced_path)

    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_spdmctl_verify_rejects_changed_reply(measured, private_bus,
                                              spdmctl, unix_device,
                                              sample_identity, tmp_path):
    identity = sample_identity("ecp384")
    twin = unix_device(identity, **P384_SHA384)
    evidence_path = tmp_path / "evidence.txt"
    signed_path = tmp_path / "signed.txt"
    changed_path = tmp_path / "changed.txt"
    code, _, stderr = spdmctl.attest(twin, "--save-evidence", evidence_path)
    assert code == 0, stderr
    result = run_spdmctl(spdmctl, private_bus, "dev12", "--nonce", NONCE,
                         "--save-conversation", signed_path)
    assert result.returncode == 0, result.stdout + result.stderr
    spliced = splice_chain(conversation.parse(signed_path.read_text()),
                           conversation.parse(evidence_path.read_text()))
    last = len(spliced.messages) - 1
    changed_path.write_text(spliced.flip(last, -1).text())

    verify = spdmctl.run("verify", "--trust-anchor", identity.anchor,
                         changed_path)

    assert verify.returncode == 1, verify.stdout + verify.stderr
