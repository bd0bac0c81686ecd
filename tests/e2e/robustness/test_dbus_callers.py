# SPDX-License-Identifier: BSD-3-Clause
"""D-Bus callers that misbehave: SPDMGetSignedMeasurements with every bad
argument shape, storms of Attest() and concurrent method calls, writes to
read-only properties, and the object tree and property types checked
against docs/dbus-api.md. spdmd rejects each bad call with an error that
names the problem and keeps attesting every endpoint."""

import os
import re
import subprocess
import time
import xml.etree.ElementTree as ElementTree

import pytest
from daemon_bus import (CERTS_ROOT, COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, MEASUREMENT_SET, ROOT,
                        SERVICE)
from daemon_env import ATTEST_TIMEOUT, P384_SHA384, EndpointConfig

import harness

DBUS_API = harness.REPO / "docs" / "dbus-api.md"
# Seconds busctl waits for one reply; spdmd replies within 18 s.
CALL_TIMEOUT = 25
# Concurrent callers in the storm tests.
ATTEST_CALLERS = 100
MEASUREMENT_CALLERS = 40


def busctl(bus, *args):
    """Run busctl on the private bus; return (exit status, output)."""
    result = harness.run(["busctl", f"--address={bus.address}",
                          f"--timeout={CALL_TIMEOUT}", *args],
                         CALL_TIMEOUT + 5)
    return result.returncode, (result.stdout + result.stderr).strip()


def start_busctl(bus, *args):
    return subprocess.Popen(
        ["busctl", f"--address={bus.address}", f"--timeout={CALL_TIMEOUT}",
         *[str(arg) for arg in args]],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=harness._die_with_parent)


def finish_all(callers):
    """Wait for every busctl; return their (exit status, output)."""
    results = []
    for caller in callers:
        output, _ = caller.communicate(timeout=CALL_TIMEOUT + 10)
        results.append((caller.returncode, output))
    return results


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


@pytest.fixture
def two_devices(unix_device, sample_identity, start_spdmd, private_bus):
    """spdmd attesting two good devices, "dev" and "other"; returns
    the Spdmd."""
    identity = sample_identity("ecp384")
    dev = unix_device(identity, **P384_SHA384)
    other = unix_device(identity, **P384_SHA384)
    daemon = start_spdmd({"trust-anchor": identity.anchor},
                         [EndpointConfig("dev", dev.link),
                          EndpointConfig("other", other.link)])
    for name in ("dev", "other"):
        private_bus.wait_for_state(name, "verified", ATTEST_TIMEOUT)
    return daemon


def measurement_call(*arguments):
    return ["call", SERVICE, f"{ROOT}/dev", MEASUREMENT_SET,
            "SPDMGetSignedMeasurements", *[str(a) for a in arguments]]


# (test id, signature and arguments, text the error contains)
BAD_CALLS = [
    ("missing-slot", ["ats", 1, 1, ""], "Invalid arguments 'ats'"),
    ("extra-argument", ["atstt", 1, 1, "", 0, 5],
     "Invalid arguments 'atstt'"),
    ("32-bit-sizes", ["ausu", 1, 1, "", 0], "Invalid arguments 'ausu'"),
    ("long-nonce", ["atst", 1, 1, "a" * 100000, 0],
     "Nonce: must be empty or 64 hex digits, got 100000 characters"),
    ("nonce-not-hex", ["atst", 1, 1, "g" * 64, 0],
     "Nonce: 'g' at position 1 is not a hex digit"),
    ("nonce-not-ascii", ["atst", 1, 1, "\u00e9" * 32, 0],
     "Nonce: byte 0xc3 at position 1 is not a hex digit"),
    ("10000-indices", ["atst", 10000, *range(1, 10001), "", 0],
     "MeasurementIndices: 10000 indices given, at most 254"),
    ("index-twice", ["atst", 2, 7, 7, "", 0],
     "MeasurementIndices: index 7 is given twice"),
    ("index-2-64", ["atst", 1, 2**64 - 1, "", 0],
     "index 18446744073709551615 is out of range"),
    ("index-0", ["atst", 1, 0, "", 0], "index 0 is out of range"),
    ("all-with-another", ["atst", 2, 255, 1, "", 0],
     "255 (all measurements) must be the only index"),
    ("slot-2-63", ["atst", 0, "", 2**63],
     "SlotId: 9223372036854775808 is out of range (0-7)"),
    ("slot-unprovisioned", ["atst", 0, "", 3],
     "SlotId: slot 3 is not provisioned on the device (slot mask 0x01)"),
]


@pytest.mark.parametrize(
    "arguments, expected",
    [pytest.param(a, e, id=name) for name, a, e in BAD_CALLS])
def test_bad_measurement_call(arguments, expected, two_devices,
                              private_bus):
    code, output = busctl(private_bus, *measurement_call(*arguments))

    assert code != 0, output
    assert expected in output
    assert two_devices.process.running()


def test_bad_calls_leave_endpoint_working(two_devices, private_bus):
    for _, arguments, _ in BAD_CALLS:
        busctl(private_bus, *measurement_call(*arguments))

    code, output = busctl(private_bus, *measurement_call("atst", 0, "", 0))

    assert code == 0, output
    assert output.startswith("osssss ")
    assert f"{CERTS_ROOT}/dev/slot0" in output


def test_attest_storm(two_devices, private_bus):
    pid = two_devices.process.pid
    fds_before = open_fds(pid)
    count_before = private_bus.endpoints()["dev"][ENDPOINT][
        "AttestationCount"]
    started = time.monotonic()

    results = finish_all([
        start_busctl(private_bus, "call", SERVICE, f"{ROOT}/dev", ENDPOINT,
                     "Attest") for _ in range(ATTEST_CALLERS)])
    private_bus.wait_for_state("dev", "verified", ATTEST_TIMEOUT)

    assert all(code == 0 for code, _ in results), results
    assert time.monotonic() - started < ATTEST_TIMEOUT
    count = private_bus.endpoints()["dev"][ENDPOINT]["AttestationCount"]
    # Calls that arrive while one runs queue a single next attestation.
    assert count_before < count <= count_before + ATTEST_CALLERS
    private_bus.attest_until("other", "verified", ATTEST_TIMEOUT)
    assert open_fds(pid) == fds_before


def test_concurrent_measurement_calls(two_devices, private_bus):
    pid = two_devices.process.pid
    fds_before = open_fds(pid)

    callers = [start_busctl(private_bus, *measurement_call("atst", 0, "", 0))
               for _ in range(MEASUREMENT_CALLERS)]
    for _ in range(10):
        private_bus.attest("dev")
    results = finish_all(callers)

    # spdmd may turn calls away beyond its queue limit, with "busy".
    unexpected = [output for code, output in results
                  if not output.startswith("osssss ")
                  and "busy:" not in output]
    assert unexpected == []
    assert any(code == 0 for code, _ in results)
    private_bus.wait_for_state("dev", "verified", ATTEST_TIMEOUT)
    private_bus.attest_until("other", "verified", ATTEST_TIMEOUT)
    assert open_fds(pid) == fds_before


@pytest.mark.parametrize("interface, name, signature, value", [
    (ENDPOINT, "State", "s", "verified"),
    (COMPONENT_INTEGRITY, "Enabled", "b", "false"),
    (IDENTITY_AUTHENTICATION, "ResponderVerificationStatus", "s",
     IDENTITY_AUTHENTICATION + ".VerificationStatus.Success"),
])
def test_properties_read_only(interface, name, signature, value,
                              two_devices, private_bus):
    code, output = busctl(private_bus, "set-property", SERVICE,
                          f"{ROOT}/dev", interface, name, signature, value)

    assert code != 0
    assert "is not writable" in output


def documented_types():
    """Return {interface: {member: D-Bus type}} from docs/dbus-api.md."""
    text = DBUS_API.read_text()
    types = {ENDPOINT: {}, "xyz.openbmc_project.Certs.Certificate": {},
             COMPONENT_INTEGRITY: {}, IDENTITY_AUTHENTICATION: {}}
    section = None
    for line in text.splitlines():
        if line.startswith("## The project interface"):
            section = ENDPOINT
        elif line.startswith("## Certificate objects"):
            section = "xyz.openbmc_project.Certs.Certificate"
        row = re.match(r"\| `(\w+)` \| ([a-z(){}]+) \|", line)
        if section and row:
            types[section][row.group(1)] = row.group(2)
        for interface in (COMPONENT_INTEGRITY, IDENTITY_AUTHENTICATION):
            if line.startswith(f"| `{interface}` |"):
                for member, kind in re.findall(r"`(\w+)` ([a-z(){}]+)",
                                               line):
                    types[interface][member] = kind
    return types


def introspected_types(bus, path):
    """Return {interface: {member: type}} of an object's properties."""
    root = ElementTree.fromstring(bus.introspect(path))
    return {interface.get("name"): {
                prop.get("name"): prop.get("type")
                for prop in interface.findall("property")}
            for interface in root.findall("interface")}


def test_property_types_as_documented(two_devices, private_bus):
    documented = documented_types()
    published = introspected_types(private_bus, f"{ROOT}/dev")
    published.update(introspected_types(private_bus,
                                        f"{CERTS_ROOT}/dev/slot0"))

    for interface, members in documented.items():
        assert members, f"no {interface} members found in {DBUS_API}"
        assert published[interface] == members, interface


def test_object_tree(two_devices, private_bus):
    code, output = busctl(private_bus, "tree", "--list", SERVICE)

    assert code == 0, output
    assert output.splitlines() == [
        "/", "/xyz", "/xyz/openbmc_project", "/xyz/openbmc_project/certs",
        CERTS_ROOT, f"{CERTS_ROOT}/dev", f"{CERTS_ROOT}/dev/slot0",
        f"{CERTS_ROOT}/other", f"{CERTS_ROOT}/other/slot0", ROOT,
        f"{ROOT}/dev", f"{ROOT}/other"]
    managed = private_bus.managed_objects()
    assert sorted(managed) == [f"{ROOT}/dev", f"{ROOT}/other"]
    certificates = private_bus.managed_objects(
        root="/xyz/openbmc_project/certs")
    assert sorted(certificates) == [f"{CERTS_ROOT}/dev/slot0",
                                    f"{CERTS_ROOT}/other/slot0"]
