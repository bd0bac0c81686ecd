# SPDX-License-Identifier: BSD-3-Clause
"""The D-Bus policy file packaging/xyz.openbmc_project.spdmd.conf on a
bus with the system bus's default policy: anyone may read, only root may
call the methods that make spdmd talk to a device or own its name.

spdmd runs as root; the unprivileged caller is the user nobody, reached
with setpriv. The test runner must be root, as it is in CI.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from daemon_bus import (ENDPOINT, MEASUREMENT_SET, ROOT, SERVICE, Bus)
from daemon_env import (ATTEST_TIMEOUT, REPO, START_TIMEOUT, EndpointConfig,
                        TEST_GLOBAL_KEYS, config_text, wait_for_name)

POLICY = REPO / "packaging" / "xyz.openbmc_project.spdmd.conf"
NOBODY = 65534

# The default policy of dbus-daemon's system.conf: any user may connect,
# but nothing may be owned and no method called unless a rule allows it.
SYSTEM_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <include>{policy}</include>
</busconfig>
"""

# Runs as nobody: each call's D-Bus error name, or "ok", as JSON.
CALLER = textwrap.dedent("""
    import json, sys
    import dbus
    bus = dbus.bus.BusConnection(sys.argv[1])
    path = sys.argv[2]
    proxy = bus.get_object("xyz.openbmc_project.spdmd", path,
                           introspect=False)
    calls = {
        "GetManagedObjects": lambda: bus.get_object(
            "xyz.openbmc_project.spdmd",
            "/xyz/openbmc_project/component_integrity",
            introspect=False).GetManagedObjects(
            dbus_interface="org.freedesktop.DBus.ObjectManager"),
        "GetAll": lambda: proxy.GetAll(
            "io.github.spdmd.Endpoint1",
            dbus_interface="org.freedesktop.DBus.Properties"),
        "Get": lambda: proxy.Get(
            "io.github.spdmd.Endpoint1", "State",
            dbus_interface="org.freedesktop.DBus.Properties"),
        "Introspect": lambda: proxy.Introspect(
            dbus_interface="org.freedesktop.DBus.Introspectable"),
        "Set": lambda: proxy.Set(
            "io.github.spdmd.Endpoint1", "State", "verified",
            dbus_interface="org.freedesktop.DBus.Properties"),
        "Attest": lambda: proxy.Attest(
            dbus_interface="io.github.spdmd.Endpoint1"),
        "SPDMGetSignedMeasurements": lambda: proxy.SPDMGetSignedMeasurements(
            dbus.Array([], signature="t"), "", dbus.UInt64(0),
            dbus_interface="xyz.openbmc_project.Attestation.MeasurementSet"),
        "RequestName": lambda: bus.request_name(
            "xyz.openbmc_project.spdmd", dbus.bus.NAME_FLAG_DO_NOT_QUEUE),
    }
    results = {}
    for name, call in calls.items():
        try:
            call()
            results[name] = "ok"
        except dbus.DBusException as error:
            results[name] = error.get_dbus_name()
    print(json.dumps(results))
""")


@pytest.fixture
def system_bus(processes, tmp_path):
    """A dbus-daemon with the system bus's policy and spdmd's file."""
    if os.geteuid() != 0:
        pytest.fail("the policy test runs spdmd as root and a caller as "
                    "nobody: run it as root")
    socket_dir = Path(tempfile.mkdtemp(prefix="spdmd-sys-"))
    socket_dir.chmod(0o755)
    socket_path = socket_dir / "system_bus.sock"
    config = tmp_path / "system-bus.conf"
    config.write_text(SYSTEM_BUS_CONFIG.format(socket=socket_path,
                                               policy=POLICY))
    try:
        process = processes.start("system-dbus-daemon", [
            "dbus-daemon", f"--config-file={config}", "--nofork",
            "--nopidfile"])
        process.wait_for_listening_socket(socket_path, START_TIMEOUT)
        bus = Bus(f"unix:path={socket_path}")
        yield bus
        bus.close()
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)


def call_as_nobody(bus, path):
    result = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}",
         "--clear-groups", sys.executable, "-c", CALLER, bus.address, path],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def policed_spdmd(system_bus, processes, spdmd_path, unix_device,
                  sample_identity, tmp_path):
    identity = sample_identity("ecp384")
    device = unix_device(identity)
    config = tmp_path / "spdmd.conf"
    config.write_text(config_text(
        {**TEST_GLOBAL_KEYS, "trust-anchor": identity.anchor},
        [EndpointConfig("dev0", device.link)]))
    state = tmp_path / "state"
    state.mkdir()
    process = processes.start("spdmd", [
        spdmd_path, "--config", config, "--bus-address", system_bus.address,
        "--state-dir", state, "--log-stderr"])
    wait_for_name(system_bus, process)
    system_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)
    return system_bus


def test_unprivileged_reads_allowed(policed_spdmd):
    results = call_as_nobody(policed_spdmd, f"{ROOT}/dev0")

    assert results["GetManagedObjects"] == "ok"
    assert results["GetAll"] == "ok"
    assert results["Get"] == "ok"
    assert results["Introspect"] == "ok"


def test_unprivileged_methods_denied(policed_spdmd):
    denied = "org.freedesktop.DBus.Error.AccessDenied"

    results = call_as_nobody(policed_spdmd, f"{ROOT}/dev0")

    assert results["Set"] == denied
    assert results["Attest"] == denied
    assert results["SPDMGetSignedMeasurements"] == denied
    assert results["RequestName"] == denied


def test_root_may_call_methods(policed_spdmd):
    reply = policed_spdmd.get_signed_measurements("dev0", [], "", 0)
    policed_spdmd.attest("dev0")

    assert reply["Version"] == "1.2"
    assert policed_spdmd.endpoints()["dev0"][ENDPOINT]["Name"] == "dev0"
    assert MEASUREMENT_SET in policed_spdmd.endpoints()["dev0"]
    assert policed_spdmd.has_owner(SERVICE)
