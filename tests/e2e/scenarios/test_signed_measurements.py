# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of SPDMGetSignedMeasurements as bmcweb calls it: with a
caller's nonce, with the absent fields bmcweb passes through ([] and
""), and with arguments the contract rejects."""

import base64

import dbus
import pytest

from daemon_bus import INTERNAL_FAILURE, INVALID_ARGUMENT

from .scenario_env import expect_outcome

NONCE = "0123456789abcdef" * 4
# GET_MEASUREMENTS 1.2 for all blocks with a signature (DSP0274 1.2:
# Param1 bit 0 requests the signature, Param2 0xFF all blocks). The
# nonce follows.
GET_ALL_SIGNED = bytes([0x12, 0xE0, 0x01, 0xFF])
NONCE_SIZE = 32


@pytest.fixture
def measured(p384, device, spdmd, private_bus):
    """A verified 1.2 device with a second chain in slot 1."""
    dev = device(p384, extra=["--chain1", p384.chain])
    daemon = spdmd(p384.anchor, {"dev": dev})
    expect_outcome(private_bus, daemon, "dev", "Success", "none")
    return {"device": dev, "daemon": daemon}


def signed_blob(reply):
    return base64.b64decode(reply["SignedMeasurements"], validate=True)


def request_nonce(blob, request=GET_ALL_SIGNED):
    """Return the nonce of the signed GET_MEASUREMENTS in a reply."""
    start = blob.index(request) + len(request)
    return blob[start:start + NONCE_SIZE]


def call_error(bus, indices, nonce, slot, endpoint="dev"):
    """Call SPDMGetSignedMeasurements; return the D-Bus error it fails
    with."""
    with pytest.raises(dbus.DBusException) as raised:
        bus.get_signed_measurements(endpoint, indices, nonce, slot)
    return raised.value


def test_caller_nonce_signed_and_verified(measured, private_bus, spdmctl):
    reply = private_bus.get_signed_measurements("dev", [], NONCE, 0)

    assert request_nonce(signed_blob(reply)) == bytes.fromhex(NONCE)
    result = spdmctl.run("get-signed-measurements", "dev", "--nonce",
                         NONCE, "--bus-address", private_bus.address)
    assert result.returncode == 0, result.stdout + result.stderr
    assert NONCE in result.stdout
    assert "VERIFIED" in result.stdout


def test_absent_fields_mean_all_and_fresh_nonce(measured, private_bus):
    first = private_bus.get_signed_measurements("dev", [], "", 0)
    second = private_bus.get_signed_measurements("dev", [], "", 0)

    first_nonce = request_nonce(signed_blob(first))
    second_nonce = request_nonce(signed_blob(second))
    assert len(first_nonce) == NONCE_SIZE
    assert first_nonce != bytes(NONCE_SIZE)
    assert first_nonce != second_nonce
    assert first["Version"] == "1.2"


def test_selected_indices_signed(measured, private_bus):
    reply = private_bus.get_signed_measurements("dev", [1, 2], NONCE, 0)
    blob = signed_blob(reply)

    # spdmd sends one request per index and requests the signature in the
    # last one only.
    assert bytes([0x12, 0xE0, 0x00, 0x01]) in blob
    assert bytes([0x12, 0xE0, 0x01, 0x02]) + bytes.fromhex(NONCE) in blob


def test_second_slot_signs(measured, private_bus):
    reply = private_bus.get_signed_measurements("dev", [], NONCE, 1)

    assert reply["Certificate"].endswith("/slot1")


@pytest.mark.parametrize("indices, nonce, slot, named", [
    ([], "abcd", 0, "nonce"),
    ([], "xy" * 32, 0, "nonce"),
    ([], NONCE + "00", 0, "nonce"),
    ([], NONCE, 99, "slot"),
    ([], NONCE, 2, "slot"),
    ([0], NONCE, 0, "ind"),
    ([255, 1], NONCE, 0, "ind"),
], ids=["nonce-short", "nonce-not-hex", "nonce-long", "slot-99",
        "slot-unprovisioned", "index-0", "all-and-one"])
def test_bad_argument_rejected(indices, nonce, slot, named, measured,
                               private_bus):
    error = call_error(private_bus, indices, nonce, slot)

    assert error.get_dbus_name() == INVALID_ARGUMENT
    assert named in error.get_dbus_message().lower()


def test_wrong_key_measurements_refused(p384, device, spdmd, private_bus):
    wrong = device(p384, faults=["wrong-key"])
    daemon = spdmd(p384.anchor, {"wrong": wrong})
    expect_outcome(private_bus, daemon, "wrong", "Failed",
                   "signature-invalid")

    error = call_error(private_bus, [], NONCE, 0, endpoint="wrong")

    assert error.get_dbus_name() == INTERNAL_FAILURE
    assert "signature-invalid" in error.get_dbus_message()
