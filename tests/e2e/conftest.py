"""Fixtures of the end-to-end tests: where the binaries and test data
are, a process group per test, and SPDM devices emulated by
spdm-responder.

The build folder is SPDMD_BUILD_DIR (default <repo>/build) and the test
data SPDM_TESTDATA (default <repo>/../shared/testdata).
"""

import json
from pathlib import Path

import pytest

import harness

# Seconds a device gets to start listening.
START_TIMEOUT = 10
# Seconds one spdmctl run may take; its own timeouts are far shorter.
SPDMCTL_TIMEOUT = 60


def _built(relative):
    path = harness.build_dir() / relative
    if not path.is_file():
        pytest.fail(f"{path} not found: build first with scripts/build.sh, "
                    "or set SPDMD_BUILD_DIR to the build folder")
    return path


@pytest.fixture(scope="session")
def spdmctl_path():
    return _built("tools/spdmctl/spdmctl")


@pytest.fixture(scope="session")
def responder_path():
    return _built("tools/spdm-responder/spdm-responder")


@pytest.fixture(scope="session")
def testdata():
    path = harness.testdata_dir()
    if not (path / "dmtf-sample-keys").is_dir():
        pytest.fail(f"test data not found at {path}: put the shared "
                    "folder beside the repository or set SPDM_TESTDATA")
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Store each phase's report on the item, for fixtures to read."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def processes(request, tmp_path):
    """A process group whose processes are stopped when the test ends.

    When the test failed, the logs of every process are printed, so they
    appear in pytest's report.
    """
    group = harness.ProcessGroup(tmp_path)
    yield group
    logs = group.stop_all()
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and logs:
        print(logs)


class Identity:
    """A device identity: certificate chain, private key, trust anchor."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.chain = self.folder / "bundle_responder.certchain.der"
        self.key = self.folder / "end_responder.key"
        self.anchor = self.folder / "ca.cert.der"


@pytest.fixture(scope="session")
def sample_identity(testdata):
    """Return the DMTF sample identity of an algorithm folder name."""
    def identity(algorithm):
        return Identity(testdata / "dmtf-sample-keys" / algorithm)
    return identity


class Device:
    """A running spdm-responder and the --link spec that reaches it."""

    def __init__(self, process, link, identity):
        self.process = process
        self.link = link
        self.identity = identity


@pytest.fixture
def start_device(processes, responder_path, tmp_path):
    """Start spdm-responder presenting an identity; return a Device.

    transport is "pty" (MCTP serial on a pseudo-terminal), "unix" (the
    same framing on a Unix socket) or "emu" (the spdm-emu TCP protocol on
    127.0.0.1). versions, asym and hash restrict what the device offers,
    and faults is a list of --fault specs.
    """
    count = 0

    def start(identity, transport="pty", versions=None, asym=None,
              hash=None, faults=(), extra=()):
        nonlocal count
        count += 1
        name = f"responder{count}"
        socket_path = tmp_path / f"{name}.sock"
        port = harness.free_tcp_port()
        listen = {"pty": "pty", "unix": f"unix:{socket_path}",
                  "emu": f"emu:127.0.0.1:{port}"}[transport]
        args = [responder_path, "--listen", listen,
                "--chain", identity.chain, "--key", identity.key]
        if versions:
            args += ["--versions", versions]
        if asym:
            args += ["--asym", asym]
        if hash:
            args += ["--hash", hash]
        for fault in faults:
            args += ["--fault", fault]
        args += list(extra)

        process = processes.start(name, args)
        if transport == "pty":
            match = process.wait_for_output(r"^pty: (/dev/pts/\d+)$",
                                            START_TIMEOUT)
            link = f"serial:{match.group(1)}"
        elif transport == "emu":
            process.wait_for_listening_port(port, START_TIMEOUT)
            link = listen
        else:
            process.wait_for_listening_socket(socket_path, START_TIMEOUT)
            link = f"unix:{socket_path}"
        return Device(process, link, identity)

    return start


class Spdmctl:
    """Runs spdmctl with a time bound."""

    def __init__(self, path):
        self.path = path

    def run(self, *args, timeout=SPDMCTL_TIMEOUT):
        return harness.run([self.path, *args], timeout)

    def run_json(self, *args, timeout=SPDMCTL_TIMEOUT):
        """Run with --json; return (exit code, parsed object, stderr)."""
        result = self.run(*args, "--json", timeout=timeout)
        try:
            document = json.loads(result.stdout)
        except json.JSONDecodeError as error:
            pytest.fail(f"spdmctl {' '.join(map(str, args))} printed no "
                        f"JSON ({error}):\n--- stdout ---\n{result.stdout}"
                        f"\n--- stderr ---\n{result.stderr}")
        return result.returncode, document, result.stderr

    def attest(self, device, *args, json_output=True):
        """Attest a device against its identity's trust anchor."""
        common = ["attest", "--link", device.link,
                  "--trust-anchor", device.identity.anchor, *args]
        if json_output:
            return self.run_json(*common)
        return self.run(*common)


@pytest.fixture(scope="session")
def spdmctl(spdmctl_path):
    return Spdmctl(spdmctl_path)
