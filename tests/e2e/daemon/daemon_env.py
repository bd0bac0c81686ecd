# SPDX-License-Identifier: BSD-3-Clause
"""The pieces of a spdmd end-to-end test: mock_mctpd driven through its
command channel, spdmd's configuration and process, and the private
bus's configuration."""

import os
import re
import select
import subprocess
import time
from pathlib import Path

import pytest

import harness
from daemon_bus import SERVICE

# Seconds spdmd, dbus-daemon and mock_mctpd get to come up.
START_TIMEOUT = 10
# Seconds mock_mctpd gets to acknowledge one command.
COMMAND_TIMEOUT = 5
# Seconds the attestations of one test may take together.
ATTEST_TIMEOUT = 30

# Device options that offer one algorithm of each kind, so the negotiated
# ones are known.
P384_SHA384 = {"asym": "ECDSA_P384", "hash": "SHA_384",
               "extra": ["--measurement-hash", "SHA_384"]}

INVENTORY = "/xyz/openbmc_project/inventory/system/chassis/GPU_0"
TRUSTED_COMPONENT = INVENTORY + "/rot"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


REPO = Path(__file__).resolve().parents[3]


def built(relative):
    """Return the path of a built program, or fail the test."""
    build = Path(os.environ.get("SPDMD_BUILD_DIR", REPO / "build"))
    path = build / relative
    if not path.is_file():
        pytest.fail(f"{path} not found: build first with scripts/build.sh, "
                    "or set SPDMD_BUILD_DIR to the build folder")
    return path


class MockMctpd:
    """mock_mctpd, driven through its stdin command channel.

    Its stdout carries the acknowledgements, so it is a pipe; stderr goes
    to a log file like the other processes'. It duck-types
    harness.ManagedProcess for ProcessGroup.stop_all().
    """

    def __init__(self, name, args, log_dir):
        self.name = name
        self.args = [str(arg) for arg in args]
        self.stderr_path = Path(log_dir) / f"{name}.stderr"
        self.transcript = []
        with open(self.stderr_path, "wb") as stderr:
            self.popen = subprocess.Popen(
                self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=stderr, text=True, bufsize=1,
                preexec_fn=harness._die_with_parent)
        self.ready_line = self._read_line(START_TIMEOUT)
        if not self.ready_line.startswith("ready "):
            raise harness.HarnessError(
                f"mock_mctpd did not start: {self.ready_line!r}\n"
                + self.describe())

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def _read_line(self, timeout):
        ready, _, _ = select.select([self.popen.stdout], [], [], timeout)
        if not ready:
            raise harness.HarnessError(
                f"mock_mctpd printed nothing in {timeout} s\n"
                + self.describe())
        line = self.popen.stdout.readline().rstrip("\n")
        self.transcript.append(f"< {line}")
        return line

    def command_result(self, text):
        """Send one command; return the line that acknowledges it."""
        self.transcript.append(f"> {text}")
        self.popen.stdin.write(text + "\n")
        self.popen.stdin.flush()
        return self._read_line(COMMAND_TIMEOUT)

    def command(self, text):
        """Send one command; return its "ok ..." acknowledgement."""
        line = self.command_result(text)
        if not line.startswith("ok"):
            raise harness.HarnessError(
                f"mock_mctpd rejected {text!r}: {line}")
        return line

    def add(self, network, eid, types, uuid=None):
        """Publish an endpoint; types is a list of MCTP message types."""
        text = f"add {network} {eid} {','.join(hex(t) for t in types)}"
        if uuid:
            text += f" {uuid}"
        return self.command(text).split()[-1]

    def remove(self, network, eid):
        return self.command(f"remove {network} {eid}")

    def stop(self):
        """Quit through the command channel, or by signal; return the
        exit status."""
        if self.running():
            try:
                self.popen.stdin.close()
            except BrokenPipeError:
                pass
            try:
                self.popen.wait(harness.STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(harness.STOP_TIMEOUT)
        return self.popen.returncode

    def describe(self):
        status = self.popen.poll()
        state = "running" if status is None else f"exited with {status}"
        return (f"{self.name} (PID {self.pid}, {state}): "
                f"{' '.join(self.args)}\n--- commands ---\n"
                + "\n".join(self.transcript)
                + f"\n--- stderr ---\n"
                f"{self.stderr_path.read_text(errors='replace')}")


class EndpointConfig:
    """One [endpoint NAME] section of spdmd.conf."""

    def __init__(self, name, link, eid=9, **keys):
        self.name = name
        self.link = link
        self.eid = eid
        self.keys = keys

    def text(self):
        lines = [f"[endpoint {self.name}]", f"link = {self.link}",
                 f"eid = {self.eid}"]
        lines += [f"{key.replace('_', '-')} = {value}"
                  for key, value in self.keys.items()]
        return "\n".join(lines) + "\n"


def config_text(global_keys, endpoints):
    """Return spdmd.conf text from [global] keys and EndpointConfigs."""
    lines = ["[global]"]
    lines += [f"{key.replace('_', '-')} = {value}"
              for key, value in global_keys.items()]
    text = "\n".join(lines) + "\n"
    for endpoint in endpoints:
        text += "\n" + endpoint.text()
    return text


class Spdmd:
    """A running spdmd and the files it uses."""

    def __init__(self, process, config_path, state_dir):
        self.process = process
        self.config_path = config_path
        self.state_dir = state_dir

    def log(self):
        """Return what spdmd logged so far (stderr)."""
        return self.process.stderr_path.read_text(errors="replace")

    def log_lines(self, pattern):
        """Return the log lines that match the regex pattern."""
        regex = re.compile(pattern)
        return [line for line in self.log().splitlines()
                if regex.search(line)]

    def wait_for_log(self, pattern, timeout):
        """Wait until a log line matches pattern; return the lines."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.log_lines(pattern)
            if lines:
                return lines
            if not self.process.running() or time.monotonic() >= deadline:
                raise harness.HarnessError(
                    f"spdmd logged no line matching {pattern!r}\n"
                    + self.process.describe())
            time.sleep(0.05)

    def stop(self):
        """Stop spdmd with SIGTERM; return its exit status."""
        return self.process.stop()


# Defaults that keep failures quick: a silent device fails within a
# second instead of the production timeouts.
TEST_GLOBAL_KEYS = {
    "reattest-interval": 0,
    "timeout-floor-ms": 200,
    "timeout-cap-ms": 1000,
}


def wait_for_name(bus, process):
    """Wait until spdmd owns its well-known name."""
    deadline = time.monotonic() + START_TIMEOUT
    while not bus.has_owner(SERVICE):
        if not process.running():
            raise harness.HarnessError(
                "spdmd exited before owning its name\n" + process.describe())
        if time.monotonic() >= deadline:
            raise harness.HarnessError(
                f"spdmd did not own {SERVICE} in {START_TIMEOUT} s\n"
                + process.describe())
        time.sleep(0.02)


def now_ms():
    """Return the time now in milliseconds since the Unix epoch."""
    return int(time.time() * 1000)
