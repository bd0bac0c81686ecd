# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures of the attestation scenarios.

The scenarios reuse the fixtures of tests/e2e/conftest.py (processes,
start_device, spdmctl...) and of tests/e2e/daemon/conftest.py (private
bus, spdmd, mock_mctpd), imported here, and add a test PKI generated at
run time by scripts/gen-test-pki.sh.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

DAEMON_TESTS = Path(__file__).resolve().parents[1] / "daemon"
sys.path.insert(0, str(DAEMON_TESTS))

from daemon_env import EndpointConfig  # noqa: E402

from .scenario_env import SCENARIO_GLOBAL_KEYS, Pki  # noqa: E402


def _load_daemon_fixtures():
    """Import tests/e2e/daemon/conftest.py under a name of its own,
    because every conftest module is called "conftest"."""
    spec = importlib.util.spec_from_file_location(
        "daemon_fixtures", DAEMON_TESTS / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_daemon_fixtures = _load_daemon_fixtures()
spdmd_path = _daemon_fixtures.spdmd_path
mock_mctpd_path = _daemon_fixtures.mock_mctpd_path
private_bus = _daemon_fixtures.private_bus
start_mctpd = _daemon_fixtures.start_mctpd
start_spdmd = _daemon_fixtures.start_spdmd
device_at = _daemon_fixtures.device_at


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """Test identities per algorithm, from scripts/gen-test-pki.sh."""
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def p384(pki):
    """The ECDSA P-384 identity most scenarios use."""
    return pki.identity("ecp384")


@pytest.fixture
def device(start_device):
    """Start spdm-responder on a Unix socket, logging every request.

    Takes the identity and start_device's options, plus caps,
    ct_exponent and measurements for the device's own settings.
    """
    def start(identity, caps=None, ct_exponent=None, measurements=None,
              extra=(), **options):
        arguments = ["-v", *extra]
        if caps is not None:
            arguments += ["--caps", caps]
        if ct_exponent is not None:
            arguments += ["--ct-exponent", str(ct_exponent)]
        if measurements is not None:
            arguments += ["--measurements", measurements]
        return start_device(identity, "unix", extra=arguments, **options)

    return start


@pytest.fixture
def spdmd(start_spdmd):
    """Start spdmd with the scenario settings, a trust anchor (or None)
    and the given endpoints; return the Spdmd.

    endpoints maps an endpoint name to its device, or is a list of
    EndpointConfig. keys override the [global] settings.
    """
    def start(anchor, endpoints, **keys):
        global_keys = dict(SCENARIO_GLOBAL_KEYS)
        if anchor is not None:
            global_keys["trust-anchor"] = anchor
        global_keys.update({name.replace("_", "-"): value
                            for name, value in keys.items()})
        if isinstance(endpoints, dict):
            endpoints = [EndpointConfig(name, dev.link)
                         for name, dev in endpoints.items()]
        return start_spdmd(global_keys, endpoints)

    return start
