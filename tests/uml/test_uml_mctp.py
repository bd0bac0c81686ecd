# SPDX-License-Identifier: BSD-3-Clause
"""The production transport against Linux itself.

spdmd, spdmctl and the mctp: link talk to devices through AF_MCTP
sockets. The host's kernel has no MCTP, so these tests boot a User-mode
Linux kernel with the real MCTP core and mctp-serial driver, which takes
about a second. The checks run inside it, with the host's files as its
root. build-kernel builds that kernel once, in a few minutes, and keeps
it in its cache (UML_MCTP_CACHE, default /var/cache/uml-mctp).
UML_MCTP_KIT is the folder of build-kernel and run (default
../shared/uml-mctp beside the repository).

Inside the guest, tests/uml/test_af_mctp_link checks the link against
the kernel packet by packet, and the pytest scenarios of tests/uml/guest
run spdmd, mock_mctpd and spdm-responder behind MCTP serial links. The
guest writes pytest's report and every process's log to the test's
folder on the host (UML_MCTP_OUT). A failure shows the guest's output,
with the logs of the failed scenario's processes, and the kernel
console.

scripts/test.sh runs these tests as the "uml" suite, against the plain
build only. ASan cannot run in the guest: its shadow memory reaches up to
16 TiB, but the address space of a User-mode Linux process ends below
512 GiB.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

import harness  # noqa: E402
from harness import REPO, build_dir  # noqa: E402

KIT = Path(os.environ.get("UML_MCTP_KIT", REPO.parent / "shared" / "uml-mctp"))
GUEST_TESTS = REPO / "tests" / "uml" / "guest"
# Seconds build-kernel may take when the cache is empty: it installs the
# kernel source with apt and compiles, a few minutes on 2 CPUs.
BUILD_KERNEL_TIMEOUT = 1800
# Seconds one guest may run before the kit stops it (exit status 124).
GUEST_TIMEOUT = 240
# Characters of a log shown in a failure message, from its end.
LOG_TAIL = 20000

# The scenarios of tests/uml/guest, one guest boot each.
SCENARIOS = [
    "test_af_mctp_attestation.py::test_two_devices_attested_concurrently",
    "test_af_mctp_attestation.py::test_wrong_key_fails_only_that_device",
    "test_af_mctp_attestation.py::test_unplug_during_certificate",
    "test_af_mctp_attestation.py::test_unplug_endpoint_removed_at_once",
    "test_af_mctp_attestation.py::test_same_eid_on_two_networks",
    "test_af_mctp_transport.py::test_tag_limit_queues_requests",
    "test_af_mctp_transport.py::test_late_responses_time_out_cleanly",
    "test_af_mctp_transport.py::test_duplicate_responses_never_matched",
    "test_af_mctp_transport.py::test_no_bind_second_requester_works",
    "test_af_mctp_transport.py::test_one_type_byte_per_message",
]


def sanitizers():
    """Return the build's b_sanitize option, e.g. "none"."""
    options = build_dir() / "meson-info" / "intro-buildoptions.json"
    if not options.is_file():
        return "none"
    for option in json.loads(options.read_text()):
        if option["name"] == "b_sanitize":
            return option["value"]
    return "none"


@pytest.fixture(scope="session")
def uml_kernel():
    """Build the User-mode Linux kernel, or find it in the cache; return
    its path."""
    if sanitizers() != "none":
        pytest.fail(f"{build_dir()} is built with -Db_sanitize="
                    f"{sanitizers()}, whose programs cannot run in User-mode "
                    "Linux: point SPDMD_BUILD_DIR at a plain build")
    build_kernel = KIT / "build-kernel"
    if not build_kernel.is_file():
        pytest.fail(f"{build_kernel} not found: put the uml-mctp kit "
                    "beside the repository or set UML_MCTP_KIT")
    result = subprocess.run([build_kernel], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True,
                            timeout=BUILD_KERNEL_TIMEOUT, check=False)
    if result.returncode != 0:
        pytest.fail(f"build-kernel failed with status {result.returncode}:"
                    f"\n{result.stderr[-LOG_TAIL:]}")
    return result.stdout.strip().splitlines()[-1]


def tail(path):
    """Return the end of a log file, or a note that it is missing."""
    if not path.is_file():
        return f"({path} was not written)"
    return path.read_text(errors="replace")[-LOG_TAIL:]


def run_in_guest(kernel, out_dir, command):
    """Run command in a guest that may write out_dir; return the
    subprocess.CompletedProcess."""
    env = dict(os.environ,
               UML_MCTP_OUT=str(out_dir),
               UML_MCTP_TIMEOUT=str(GUEST_TIMEOUT),
               UML_MCTP_CONSOLE_LOG=str(out_dir / "console.log"),
               SPDMD_BUILD_DIR=str(build_dir().resolve()),
               SPDM_TESTDATA=str(harness.testdata_dir().resolve()),
               PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([KIT / "run", kernel, *map(str, command)],
                          cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True,
                          timeout=GUEST_TIMEOUT + 60, check=False)


def describe_guest(result, out_dir):
    """Return the guest's output and kernel console for a failure."""
    return (f"guest exited with status {result.returncode}\n"
            f"--- stdout ---\n{result.stdout[-LOG_TAIL:]}\n"
            f"--- stderr ---\n{result.stderr[-LOG_TAIL:]}\n"
            f"--- kernel console ---\n{tail(out_dir / 'console.log')}")


def test_af_mctp_link_against_kernel(uml_kernel, tmp_path):
    link_test = build_dir() / "tests" / "uml" / "test_af_mctp_link"
    serial_link = build_dir() / "tests" / "uml" / "mctp-serial-link"
    result = run_in_guest(uml_kernel, tmp_path, [
        serial_link, "--local-eid", 8, "--remote-eid", 20, "--",
        link_test])
    assert result.returncode == 0, describe_guest(result, tmp_path)
    # cmocka writes its summary to stderr.
    assert "[  PASSED  ] 11 test(s)." in result.stderr


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_guest_scenario(uml_kernel, tmp_path, scenario):
    report = tmp_path / "junit.xml"
    result = run_in_guest(uml_kernel, tmp_path, [
        "/usr/bin/python3", "-m", "pytest", "-p", "no:cacheprovider",
        "--color=no", "-q", f"--basetemp={tmp_path / 'guest'}",
        f"--junitxml={report}", GUEST_TESTS / scenario])
    assert result.returncode == 0, describe_guest(result, tmp_path)
    assert report.is_file(), describe_guest(result, tmp_path)
    assert 'failures="0"' in report.read_text()


def test_every_guest_scenario_listed():
    """SCENARIOS names every test function of tests/uml/guest."""
    found = []
    for path in sorted(GUEST_TESTS.glob("test_*.py")):
        tree = ast.parse(path.read_text())
        found += [f"{path.name}::{node.name}" for node in tree.body
                  if isinstance(node, ast.FunctionDef)
                  and node.name.startswith("test_")]
    assert sorted(SCENARIOS) == sorted(found)
