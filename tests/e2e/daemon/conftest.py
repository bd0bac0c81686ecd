# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures of the spdmd end-to-end tests.

Each test gets a private dbus-daemon on a Unix socket in its own temporary
folder, and starts the real spdmd on it (--bus-address, --log-stderr),
emulated devices (spdm-responder on Unix sockets, from the start_device
fixture of tests/e2e/conftest.py) and, for discovery, mock_mctpd. Every
process is stopped by its PID when the test ends.
"""

import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from daemon_bus import Bus
from daemon_env import (ATTEST_TIMEOUT, BUS_CONFIG, INVENTORY, P384_SHA384,
                        START_TIMEOUT,
                        TEST_GLOBAL_KEYS, TRUSTED_COMPONENT, EndpointConfig,
                        MockMctpd, Spdmd, built, config_text, now_ms,
                        wait_for_name)


@pytest.fixture(scope="session")
def spdmd_path():
    return built("daemon/spdmd")


@pytest.fixture(scope="session")
def mock_mctpd_path():
    return built("tests/e2e/mock_mctpd")


@pytest.fixture
def private_bus(processes, tmp_path):
    """Start a dbus-daemon of its own for the test; return a Bus.

    The socket lives in a short folder of its own, because pytest's
    tmp_path grows with the test name and a Unix socket path may have
    at most 107 bytes.
    """
    socket_dir = Path(tempfile.mkdtemp(prefix="spdmd-bus-"))
    socket_path = socket_dir / "bus.sock"
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=socket_path))

    try:
        process = processes.start("dbus-daemon", [
            "dbus-daemon", f"--config-file={config}", "--nofork",
            "--nopidfile"])
        process.wait_for_listening_socket(socket_path, START_TIMEOUT)
        bus = Bus(f"unix:path={socket_path}")
        yield bus
        bus.close()
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)


@pytest.fixture
def start_mctpd(processes, private_bus, mock_mctpd_path, tmp_path):
    """Start mock_mctpd on the private bus; return a MockMctpd."""
    count = 0

    def start(legacy=False):
        nonlocal count
        count += 1
        args = [mock_mctpd_path, "--bus-address", private_bus.address]
        if legacy:
            args.append("--legacy")
        mock = MockMctpd(f"mock_mctpd{count}", args, tmp_path)
        processes.processes.append(mock)
        return mock

    return start


@pytest.fixture
def start_spdmd(processes, private_bus, spdmd_path, tmp_path):
    """Start spdmd on the private bus; return an Spdmd.

    global_keys are added to (and override) TEST_GLOBAL_KEYS; endpoints
    is a list of EndpointConfig. spdmd is up when it owns its name.
    """
    count = 0
    state_dir = tmp_path / "state"
    state_dir.mkdir(mode=0o700)

    def start(global_keys=None, endpoints=(), config=None,
              wait_ready=True):
        nonlocal count
        count += 1
        keys = dict(TEST_GLOBAL_KEYS)
        keys.update(global_keys or {})
        config_path = tmp_path / f"spdmd{count}.conf"
        config_path.write_text(config if config is not None
                               else config_text(keys, endpoints))
        process = processes.start(f"spdmd{count}", [
            spdmd_path, "--config", config_path,
            "--bus-address", private_bus.address,
            "--state-dir", state_dir, "--log-stderr"])
        daemon = Spdmd(process, config_path, state_dir)
        if wait_ready:
            wait_for_name(private_bus, process)
        return daemon

    return start


@pytest.fixture
def device_at(processes, responder_path):
    """Start spdm-responder listening on a given Unix socket path.

    Unlike start_device, the caller picks the path, so a device can come
    back on the link spdmd was configured with. Returns an object with
    process, link and identity, like start_device's Device.
    """
    count = 0

    def start(socket_path, identity, versions=None, faults=()):
        nonlocal count
        count += 1
        args = [responder_path, "--listen", f"unix:{socket_path}",
                "--chain", identity.chain, "--key", identity.key]
        if versions:
            args += ["--versions", versions]
        for fault in faults:
            args += ["--fault", fault]
        process = processes.start(f"device-at{count}", args)
        process.wait_for_listening_socket(socket_path, START_TIMEOUT)
        return SimpleNamespace(process=process, link=f"unix:{socket_path}",
                               identity=identity)

    return start


@pytest.fixture
def unix_device(start_device):
    """Start spdm-responder on a Unix socket; return a Device."""
    def start(identity, **options):
        return start_device(identity, "unix", **options)
    return start


@pytest.fixture
def three_devices(unix_device, sample_identity, start_spdmd, private_bus):
    """spdmd with a 1.2 device, a 1.1-only device and a device that
    signs with a key that is not its certificate's."""
    identity = sample_identity("ecp384")
    good = unix_device(identity, **P384_SHA384)
    old = unix_device(identity, versions="1.1", **P384_SHA384)
    wrong = unix_device(identity, faults=["wrong-key"], **P384_SHA384)
    started_ms = now_ms()
    daemon = start_spdmd(
        {"trust-anchor": identity.anchor},
        [EndpointConfig("dev12", good.link, inventory=INVENTORY,
                        trusted_component=TRUSTED_COMPONENT),
         EndpointConfig("dev11", old.link),
         EndpointConfig("devbad", wrong.link)])
    for name, state in (("dev12", "verified"), ("dev11", "verified"),
                        ("devbad", "failed")):
        private_bus.wait_for_state(name, state, ATTEST_TIMEOUT)
    return {"daemon": daemon, "identity": identity, "started_ms": started_ms,
            "devices": {"dev12": good, "dev11": old, "devbad": wrong},
            "endpoints": private_bus.endpoints()}
