# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures of the robustness tests: hostile devices written in Python,
and the spdmd fixtures of tests/e2e/daemon (private bus, spdmd,
mock_mctpd), imported here under a module name of their own."""

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DAEMON_TESTS = HERE.parent / "daemon"
sys.path.insert(0, str(DAEMON_TESTS))
sys.path.insert(0, str(HERE))

from hostile_device import HostileDevice  # noqa: E402


def _load_daemon_fixtures():
    spec = importlib.util.spec_from_file_location(
        "robustness_daemon_fixtures", DAEMON_TESTS / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_daemon_fixtures = _load_daemon_fixtures()
spdmd_path = _daemon_fixtures.spdmd_path
mock_mctpd_path = _daemon_fixtures.mock_mctpd_path
private_bus = _daemon_fixtures.private_bus
start_mctpd = _daemon_fixtures.start_mctpd
start_spdmd = _daemon_fixtures.start_spdmd
unix_device = _daemon_fixtures.unix_device


@pytest.fixture
def short_dir():
    """A folder with a short path, for Unix sockets (at most 107 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="spdmd-rb-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def hostile(short_dir):
    """Start hostile devices; each is stopped when the test ends.

    Call with a handler(peer, request) and optionally upstream (a Device
    of start_device on a Unix socket, whose responses forward() returns).
    Returns the HostileDevice; its link spec is device.link.
    """
    devices = []

    def start(handler, upstream=None, on_connect=None):
        path = short_dir / f"hostile{len(devices)}.sock"
        upstream_path = None
        if upstream is not None:
            upstream_path = upstream.link[len("unix:"):]
        device = HostileDevice(path, handler, upstream_path, on_connect)
        device.link = f"unix:{path}"
        devices.append(device)
        return device

    yield start
    for device in devices:
        device.stop()
