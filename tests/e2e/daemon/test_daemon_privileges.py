"""spdmd as packaging/spdmd.service runs it: an unprivileged user whose
only capability is CAP_NET_RAW (for AF_MCTP sockets), started here with
setpriv. It must own its bus name and attest an emulated device over a
Unix socket like the root-run tests do."""

import os
import pwd
import re
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from daemon_bus import Bus
from daemon_env import (ATTEST_TIMEOUT, REPO, START_TIMEOUT, EndpointConfig,
                        config_text, wait_for_name)

USER = "nobody"
GROUP = "nogroup"
# CAP_NET_RAW is capability 13 (linux/capability.h).
NET_RAW_MASK = 1 << 13
UNIT = REPO / "packaging" / "spdmd.service.in"

# The private bus lets every user connect: spdmd does not run as root.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def unit_settings():
    """Return the [Service] keys of the systemd unit."""
    settings = {}
    for line in UNIT.read_text().splitlines():
        match = re.match(r"^(\w+)=(.*)$", line)
        if match:
            settings[match.group(1)] = match.group(2)
    return settings


def capability_masks(pid):
    """Return the Cap* masks and Uid/Gid lines of /proc/PID/status."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name.startswith("Cap"):
                fields[name] = int(value, 16)
            elif name in ("Uid", "Gid", "Groups"):
                fields[name] = value.split()
    return fields


@pytest.fixture
def shared_dir():
    """A folder the unprivileged user can read, for every file spdmd
    opens; pytest's own tmp_path is private to root."""
    folder = Path(tempfile.mkdtemp(prefix="spdmd-priv-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_unit_grants_net_raw_only():
    settings = unit_settings()

    assert settings["User"] == "spdmd"
    assert settings["AmbientCapabilities"] == "CAP_NET_RAW"
    assert settings["CapabilityBoundingSet"] == "CAP_NET_RAW"
    assert settings["NoNewPrivileges"] == "yes"


def test_unprivileged_spdmd_attests(processes, responder_path, spdmd_path,
                                    sample_identity, shared_dir):
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to drop privileges")
    account = pwd.getpwnam(USER)
    identity = sample_identity("ecp384")
    anchor = shared_dir / "anchor.der"
    shutil.copyfile(identity.anchor, anchor)
    anchor.chmod(0o644)
    state_dir = shared_dir / "state"
    state_dir.mkdir(mode=0o700)
    os.chown(state_dir, account.pw_uid, account.pw_gid)

    bus_socket = shared_dir / "bus.sock"
    bus_config = shared_dir / "bus.conf"
    bus_config.write_text(BUS_CONFIG.format(socket=bus_socket))
    bus_process = processes.start("dbus-daemon", [
        "dbus-daemon", f"--config-file={bus_config}", "--nofork",
        "--nopidfile"])
    bus_process.wait_for_listening_socket(bus_socket, START_TIMEOUT)

    device_socket = shared_dir / "device.sock"
    device = processes.start("device", [
        responder_path, "--listen", f"unix:{device_socket}", "--chain",
        identity.chain, "--key", identity.key])
    device.wait_for_listening_socket(device_socket, START_TIMEOUT)
    # Connecting to a Unix socket needs write permission on it.
    device_socket.chmod(0o777)
    bus_socket.chmod(stat.S_IMODE(bus_socket.stat().st_mode) | 0o666)

    config = shared_dir / "spdmd.conf"
    config.write_text(config_text(
        {"trust-anchor": anchor, "reattest-interval": 0,
         "mctpd-discovery": "no"},
        [EndpointConfig("dev", f"unix:{device_socket}")]))
    config.chmod(0o644)
    bus = Bus(f"unix:path={bus_socket}")
    try:
        spdmd = processes.start("spdmd", [
            "setpriv", f"--reuid={USER}", f"--regid={GROUP}",
            "--clear-groups", "--no-new-privs",
            "--inh-caps=-all,+net_raw", "--ambient-caps=-all,+net_raw",
            "--bounding-set=-all,+net_raw", spdmd_path, "--config", config,
            "--bus-address", f"unix:path={bus_socket}", "--state-dir",
            state_dir, "--log-stderr"])
        wait_for_name(bus, spdmd)
        interfaces = bus.wait_for_state("dev", ("verified", "failed"),
                                        ATTEST_TIMEOUT)
        status = capability_masks(spdmd.pid)
    finally:
        bus.close()

    print(f"spdmd status: {status}")
    assert interfaces is not None
    assert bus_state(interfaces) == "verified"
    assert status["Uid"] == [str(account.pw_uid)] * 4
    assert status["Gid"] == [str(account.pw_gid)] * 4
    assert status["Groups"] == []
    assert status["CapEff"] == NET_RAW_MASK
    assert status["CapPrm"] == NET_RAW_MASK
    assert status["CapBnd"] == NET_RAW_MASK
    assert status["CapAmb"] == NET_RAW_MASK


def bus_state(interfaces):
    """Return the State property of an endpoint's interfaces."""
    for properties in interfaces.values():
        if "State" in properties:
            return properties["State"]
    return None
