# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of device data that requesters have been seen to mishandle:
VERSION lists with duplicate and unknown entries, a truncated chain, a
malformed measurement block, and a CHALLENGE_AUTH recorded from an
earlier conversation."""

import conversation
import pytest
from daemon_bus import ENDPOINT

from .scenario_env import (DATA, expect_outcome, received_requests,
                           type_version)

CHALLENGE_AUTH = 0x03
# A first block whose DMTF value size (32) runs past its 4 bytes of value:
# DMTFSpecMeasurementValueType 0, DMTFSpecMeasurementValueSize 0x0020.
TRUNCATED_BLOCK = "1 - field hex:00200001020304\n"


@pytest.mark.parametrize("versions", [
    "1.0,1.0,1.1,1.2,1.2",
    "1.3,1.2.1,1.1,1.0,2.0,1.9,1.8,1.7,1.6,1.5,1.4",
], ids=["duplicate-entries", "eleven-entries-unordered"])
def test_unusual_version_list_negotiates_1_2(versions, p384, device, spdmd,
                                             private_bus):
    dev = device(p384, faults=[f"versions={versions}"])
    daemon = spdmd(p384.anchor, {"dev": dev})

    interfaces = expect_outcome(private_bus, daemon, "dev", "Success",
                                "none")

    assert type_version(interfaces).startswith("1.2.")


def test_truncated_chain_rejected(p384, device, spdmd, private_bus,
                                  tmp_path):
    truncated = tmp_path / "truncated.certchain.der"
    truncated.write_bytes(p384.chain.read_bytes()[:-40])
    faulty = device(p384, faults=[f"chain={truncated}"])
    control = device(p384, faults=[f"chain={p384.chain}"])
    daemon = spdmd(p384.anchor, {"faulty": faulty, "control": control})

    expect_outcome(private_bus, daemon, "faulty", "Failed",
                   "chain-malformed")
    expect_outcome(private_bus, daemon, "control", "Success", "none")


def test_malformed_measurement_block_rejected(p384, device, spdmd,
                                              private_bus, tmp_path):
    malformed = tmp_path / "malformed.measurements"
    malformed.write_text(TRUNCATED_BLOCK)
    faulty = device(p384, faults=[f"measurements={malformed}"])
    control = device(p384,
                     faults=[f"measurements={DATA / 'gpu.measurements'}"])
    daemon = spdmd(p384.anchor, {"faulty": faulty, "control": control})

    interfaces = expect_outcome(private_bus, daemon, "faulty", "Failed",
                                "measurements-invalid")
    verified = expect_outcome(private_bus, daemon, "control", "Success",
                              "none")

    assert interfaces[ENDPOINT]["Measurements"] == []
    assert len(verified[ENDPOINT]["Measurements"]) == 6


def recorded_challenge_auth(spdmctl, dev, path):
    """Attest a device with spdmctl and return the CHALLENGE_AUTH it sent,
    as saved in the evidence."""
    code, result, stderr = spdmctl.attest(dev, "--save-evidence", path)
    assert code == 0, (result, stderr)
    saved = conversation.parse(path.read_text())
    return bytes(saved.messages[saved.find(CHALLENGE_AUTH)].data)


def test_recorded_challenge_auth_rejected(p384, device, spdmd, private_bus,
                                          spdmctl, tmp_path):
    recording = tmp_path / "challenge-auth.bin"
    recording.write_bytes(recorded_challenge_auth(
        spdmctl, device(p384), tmp_path / "evidence.txt"))
    replaying = device(p384, faults=[f"replay-file={recording}"])
    daemon = spdmd(p384.anchor, {"replaying": replaying})

    # A valid signature, but over another conversation's nonces.
    interfaces = expect_outcome(private_bus, daemon, "replaying", "Failed",
                                "signature-invalid")

    assert "CHALLENGE_AUTH" in interfaces[ENDPOINT]["Detail"]
    assert "GET_MEASUREMENTS" not in received_requests(replaying)
