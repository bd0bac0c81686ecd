# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of many devices at once: eight devices of mixed versions and
algorithms with two faulty ones, and devices behind one MCTP serial link
under different EIDs. Each device gets its own outcome, and a faulty
device changes no other device's outcome."""

import re
import shutil

from daemon_bus import COMPONENT_INTEGRITY, ENDPOINT
from daemon_env import EndpointConfig

from .scenario_env import expect_outcome, received_requests, type_version

# (name, algorithm, --asym, versions, faults, status, reason, version)
EIGHT_DEVICES = [
    ("gpu0", "ecp384", "ECDSA_P384", None, [], "Success", "none",
     r"1\.2\.\d+"),
    ("gpu1", "ecp384", "ECDSA_P384", "1.1", [], "Success", "none",
     r"1\.1\.\d+"),
    ("nic0", "ecp256", "ECDSA_P256", "1.0", [], "Success", "none",
     r"1\.0\.\d+"),
    ("nic1", "ecp256", "ECDSA_P256", "1.1", ["busy=2"], "Success", "none",
     r"1\.1\.\d+"),
    ("ssd0", "ed25519", "EDDSA_ED25519", None, [], "Success", "none",
     r"1\.2\.\d+"),
    ("ssd1", "ecp384", "ECDSA_P384", None, ["cert-portion=64"], "Success",
     "none", r"1\.2\.\d+"),
    ("rot0", "ecp384", "ECDSA_P384", "1.1", ["wrong-key"], "Failed",
     "signature-invalid", r"1\.1\.\d+"),
    ("psu0", "ecp256", "ECDSA_P256", None, ["silent"], "Unknown", "timeout",
     r""),
]


def anchor_folder(pki, algorithms, folder):
    """Copy each algorithm's root certificate into folder, for spdmd's
    trust-anchor-dir."""
    folder.mkdir()
    for algorithm in algorithms:
        shutil.copy(pki.identity(algorithm).anchor,
                    folder / f"{algorithm}.der")
    return folder


def test_eight_devices_each_own_outcome(pki, device, spdmd, private_bus,
                                        tmp_path):
    devices = {}
    for name, algorithm, asym, versions, faults, *_ in EIGHT_DEVICES:
        devices[name] = device(pki.identity(algorithm), asym=asym,
                               versions=versions, faults=faults)
    anchors = anchor_folder(pki, {row[1] for row in EIGHT_DEVICES},
                            tmp_path / "anchors")
    # The silent device times out after ST1 plus a 1 s floor, time enough
    # for all others to start on a loaded machine.
    daemon = spdmd(None, devices, trust_anchor_dir=anchors,
                   max_concurrent=8, timeout_floor_ms=1000,
                   timeout_cap_ms=2000)

    outcomes = {}
    for name, _, _, _, _, status, reason, version in EIGHT_DEVICES:
        outcomes[name] = expect_outcome(private_bus, daemon, name, status,
                                        reason)
        assert re.fullmatch(version, type_version(outcomes[name]))

    assert received_requests(devices["psu0"]) == ["GET_VERSION"]
    # Every device started before the silent one timed out: none waited
    # for it.
    silent_done = outcomes["psu0"][COMPONENT_INTEGRITY]["LastUpdated"]
    for name, interfaces in outcomes.items():
        assert interfaces[ENDPOINT]["LastAttempt"] <= silent_done, name
    assert len(daemon.log_lines(r"attestation PASSED")) == 6
    assert len(daemon.log_lines(r"attestation FAILED")) == 2


def write_profile(path, identity, versions=None, faults=()):
    """Write an spdm-responder profile file for one --device."""
    lines = ["[device]", f"chain = {identity.chain}",
             f"key = {identity.key}"]
    if versions:
        lines.append(f"versions = {versions}")
    lines += [f"fault = {fault}" for fault in faults]
    path.write_text("\n".join(lines) + "\n")
    return path


# Devices behind one serial link: (EID, versions, faults, status, reason)
BRIDGED = [
    (10, "1.1", [], "Success", "none"),
    (11, None, ["wrong-key"], "Failed", "signature-invalid"),
    (12, None, ["silent"], "Unknown", "timeout"),
    (13, "1.0", ["busy=1"], "Success", "none"),
]


def test_devices_behind_one_serial_link(p384, start_device, spdmd,
                                        private_bus, tmp_path):
    extra = ["-v", "--eid", "9"]
    for eid, versions, faults, *_ in BRIDGED:
        profile = write_profile(tmp_path / f"eid{eid}.ini", p384, versions,
                                faults)
        extra += ["--device", f"{eid}:{profile}"]
    bridge = start_device(p384, "pty", extra=extra)
    assert bridge.link.startswith("serial:/dev/pts/")
    endpoints = [EndpointConfig("dev9", bridge.link, eid=9)]
    endpoints += [EndpointConfig(f"dev{eid}", bridge.link, eid=eid)
                  for eid, *_ in BRIDGED]
    daemon = spdmd(p384.anchor, endpoints)

    verified = expect_outcome(private_bus, daemon, "dev9", "Success", "none")
    assert verified[ENDPOINT]["Transport"] == "serial"
    assert verified[ENDPOINT]["EID"] == 9
    for eid, _, _, status, reason in BRIDGED:
        interfaces = expect_outcome(private_bus, daemon, f"dev{eid}",
                                    status, reason)
        assert interfaces[ENDPOINT]["EID"] == eid
        assert interfaces[ENDPOINT]["Link"] == bridge.link

    assert received_requests(bridge, eid=12) == ["GET_VERSION"]
    for eid in (9, 10, 11, 13):
        assert "CHALLENGE" in received_requests(bridge, eid=eid)
