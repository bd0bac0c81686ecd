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

import pytest

from daemon_bus import Bus
from daemon_env import (BUS_CONFIG, START_TIMEOUT, TEST_GLOBAL_KEYS,
                        MockMctpd, Spdmd, built, config_text, wait_for_name)


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

    process = processes.start("dbus-daemon", [
        "dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile"])
    process.wait_for_listening_socket(socket_path, START_TIMEOUT)
    bus = Bus(f"unix:path={socket_path}")
    yield bus
    bus.close()
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
def unix_device(start_device):
    """Start spdm-responder on a Unix socket; return a Device."""
    def start(identity, **options):
        return start_device(identity, "unix", **options)
    return start
