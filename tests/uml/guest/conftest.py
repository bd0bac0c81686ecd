# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures of the AF_MCTP scenarios, which run inside the User-mode
Linux guest (tests/uml/test_uml_mctp.py boots it and runs pytest there).

The guest plays a BMC whose UARTs lead to SPDM devices. Each device is
mctp-serial-link, which gives the kernel an MCTP serial interface on a
pty and routes one EID over it, running spdm-responder on the pty's
other end. mock_mctpd publishes the endpoints on a private bus, and the
real spdmd discovers them there and attests them over one unbound
AF_MCTP socket. The bus, mock_mctpd and spdmd come from the fixtures of
tests/e2e/conftest.py and tests/e2e/daemon/conftest.py.

On the host, where the kernel has no MCTP, these tests are not
collected.
"""

import importlib.util
import os
import re
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parents[2] / "e2e"
IN_GUEST = os.environ.get("UML_MCTP_GUEST") == "1"

if not IN_GUEST:
    collect_ignore_glob = ["test_*.py"]

sys.path[:0] = [str(E2E), str(E2E / "daemon")]

import harness  # noqa: E402
from daemon_env import built  # noqa: E402

AF_MCTP = 45
# The MCTP network of the guest's serial interfaces (Linux's default).
NETWORK = 1
# Seconds a device gets to bring its link up and print its endpoint line.
DEVICE_START_TIMEOUT = 10
# spdmd settings for the scenarios: no periodic attestations, and a
# response is awaited at least 1 s and at most 2 s.
GUEST_GLOBAL_KEYS = {
    "reattest-interval": 0,
    "timeout-floor-ms": 1000,
    "timeout-cap-ms": 2000,
    "af-mctp-network": NETWORK,
}


def _load_fixtures(name, path):
    """Import a conftest.py under a name of its own, because every
    conftest module is called "conftest"."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_e2e = _load_fixtures("e2e_fixtures", E2E / "conftest.py")
_daemon = _load_fixtures("daemon_fixtures", E2E / "daemon" / "conftest.py")
pytest_runtest_makereport = _e2e.pytest_runtest_makereport
processes = _e2e.processes
testdata = _e2e.testdata
sample_identity = _e2e.sample_identity
responder_path = _e2e.responder_path
spdmctl_path = _e2e.spdmctl_path
spdmctl = _e2e.spdmctl
spdmd_path = _daemon.spdmd_path
mock_mctpd_path = _daemon.mock_mctpd_path
private_bus = _daemon.private_bus
start_mctpd = _daemon.start_mctpd
start_spdmd = _daemon.start_spdmd


@pytest.fixture(scope="session", autouse=True)
def guest_kernel_has_mctp():
    """Fail at once when the tests run where AF_MCTP does not exist."""
    try:
        socket.socket(AF_MCTP, socket.SOCK_DGRAM).close()
    except OSError:
        pytest.fail("the kernel has no MCTP support: run these tests in "
                    "the User-mode Linux guest (tests/uml/test_uml_mctp.py)")


@pytest.fixture(scope="session")
def mctp_serial_link_path():
    return built("tests/uml/mctp-serial-link")


@pytest.fixture(scope="session")
def identity(sample_identity):
    """The DMTF sample ECDSA P-384 identity every device presents."""
    return sample_identity("ecp384")


class SerialDevice:
    """An SPDM device at the end of an MCTP serial link of its own.

    unplug() stops mctp-serial-link, which closes the kernel's side of
    the pty first, so the interface and its route disappear as when a
    UART's device goes away, and then stops spdm-responder.
    """

    def __init__(self, process, eid, local_eid, capture_prefix,
                 network=NETWORK):
        self.process = process
        self.network = network
        self.eid = eid
        self.local_eid = local_eid
        self.capture_prefix = capture_prefix

    @property
    def endpoint_id(self):
        """spdmd's id for the endpoint mock_mctpd publishes."""
        return f"mctp_{self.network}_{self.eid}"

    def log(self):
        """Return what spdm-responder and mctp-serial-link logged."""
        return self.process.stderr_path.read_text(errors="replace")

    def requests(self):
        """Return the names of the requests the device received."""
        return re.findall(rf"debug: eid {self.eid} request (\S+) \(",
                          self.log())

    def wait_for_request(self, name, timeout):
        """Wait until the device received a request called name."""
        deadline = time.monotonic() + timeout
        while name not in self.requests():
            if not self.process.running() or time.monotonic() > deadline:
                raise harness.HarnessError(
                    f"device {self.eid} received no {name} in {timeout} s"
                    "\n" + self.process.describe())
            time.sleep(harness.POLL_INTERVAL)

    def unplug(self):
        """Take the device and its link away; return the exit status."""
        return self.process.stop()

    def captured(self, direction):
        """Return the bytes captured on the line, direction "to-device"
        or "to-kernel"."""
        return Path(f"{self.capture_prefix}.{direction}").read_bytes()


@pytest.fixture
def plug_device(processes, mctp_serial_link_path, responder_path, identity,
                tmp_path):
    """Start a device on a new MCTP serial link; return a SerialDevice.

    The kernel gets local EID local_eid on the link and a route to eid.
    faults are spdm-responder --fault specs; capture keeps the bytes on
    the line (mctp-serial-link --capture); network moves the link to
    another MCTP network (mctp-serial-link --network).
    """
    count = 0

    def plug(eid, local_eid, faults=(), capture=False, chain_identity=None,
             network=NETWORK):
        nonlocal count
        count += 1
        device_identity = chain_identity or identity
        name = f"device{eid}-{count}"
        prefix = tmp_path / name if capture else None
        args = [mctp_serial_link_path, "--local-eid", local_eid,
                "--remote-eid", eid]
        if capture:
            args += ["--capture", prefix]
        if network != NETWORK:
            args += ["--network", network]
        args += ["--", "sh", "-c", 'exec "$0" --listen "serial:$MCTP_PTY" '
                 '"$@"', responder_path, "--eid", eid, "-v",
                 "--chain", device_identity.chain,
                 "--key", device_identity.key]
        for fault in faults:
            args += ["--fault", fault]
        process = processes.start(name, args)
        process.wait_for_output(rf"^endpoint: eid={eid} ",
                                DEVICE_START_TIMEOUT)
        return SerialDevice(process, eid, local_eid, prefix, network)

    return plug


@pytest.fixture
def mctpd(start_mctpd):
    """mock_mctpd on the private bus, publishing no device yet."""
    return start_mctpd()


def publish(mctpd_process, device):
    """Publish a device's endpoint as mctpd does once it is enumerated:
    MCTP control (0x00) and SPDM (0x05)."""
    mctpd_process.add(device.network, device.eid, [0x00, 0x05])


@pytest.fixture
def guest_spdmd(start_spdmd, identity):
    """Start spdmd with mctpd discovery on the guest's MCTP network and
    the sample identity's root as trust anchor; return the Spdmd."""
    def start(**keys):
        global_keys = dict(GUEST_GLOBAL_KEYS)
        global_keys["trust-anchor"] = identity.anchor
        global_keys.update({name.replace("_", "-"): value
                            for name, value in keys.items()})
        return start_spdmd(global_keys)

    return start


def socket_inodes(pid):
    """Return the inodes of the sockets process pid has open."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:["):-1]))
    return inodes


# The inode column of each socket table under /proc/net.
PROC_NET_INODE_COLUMNS = {
    "unix": 6, "netlink": 9, "packet": 8,
    "tcp": 9, "tcp6": 9, "udp": 9, "udp6": 9, "raw": 9, "raw6": 9,
}


def af_mctp_sockets(pid):
    """Return how many AF_MCTP sockets process pid has open. Linux lists
    the other families' sockets under /proc/net, and AF_MCTP ones in no
    table, so they are the sockets left over."""
    listed = set()
    for table, column in PROC_NET_INODE_COLUMNS.items():
        path = Path("/proc/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            listed.add(int(line.split()[column]))
    return len(socket_inodes(pid) - listed)


def children_of(pid):
    """Return the PIDs whose parent is pid."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # The command name in brackets may hold spaces; the parent's PID
        # is the second field after it.
        if int(text[text.rindex(")") + 2:].split()[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def stop_traced(process):
    """Stop a program started under strace: SIGTERM to the program,
    strace's child, and then wait for strace to exit."""
    for pid in children_of(process.pid):
        os.kill(pid, signal.SIGTERM)
    return process.stop()


@pytest.fixture(scope="session")
def probe_path():
    return built("tests/uml/mctp-probe")
