"""Start and stop the processes of an end-to-end test.

Every process is started with its output in log files, waited for with
a time bound, and stopped by its PID when the test ends: with SIGTERM
first and SIGKILL when it does not exit in time. The kernel also kills
each child when the test runner dies (PR_SET_PDEATHSIG), so no emulator
outlives a crashed or killed test run.
"""

import ctypes
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1
# Seconds a process gets to exit after SIGTERM before it is killed.
STOP_TIMEOUT = 5
# Seconds between two looks at a log file or socket.
POLL_INTERVAL = 0.02
# Listening Unix sockets carry __SO_ACCEPTCON in /proc/net/unix Flags.
SO_ACCEPTCON = 0x10000

_libc = ctypes.CDLL(None, use_errno=True)

REPO = Path(__file__).resolve().parents[2]


def build_dir():
    """Return the build folder: SPDMD_BUILD_DIR, default <repo>/build."""
    return Path(os.environ.get("SPDMD_BUILD_DIR", REPO / "build"))


def testdata_dir():
    """Return the test data: SPDM_TESTDATA, default <repo>/../shared/testdata."""
    default = REPO.parent / "shared" / "testdata"
    return Path(os.environ.get("SPDM_TESTDATA", default))


class HarnessError(Exception):
    """A process did not start, print or stop as the test expected."""


def _die_with_parent():
    """Make the kernel kill the child when the test runner exits."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class ManagedProcess:
    """A child process whose stdout and stderr go to log files."""

    def __init__(self, name, args, log_dir):
        self.name = name
        self.args = [str(arg) for arg in args]
        self.stdout_path = Path(log_dir) / f"{name}.stdout"
        self.stderr_path = Path(log_dir) / f"{name}.stderr"
        with open(self.stdout_path, "wb") as stdout, \
                open(self.stderr_path, "wb") as stderr:
            self.popen = subprocess.Popen(
                self.args, stdin=subprocess.DEVNULL, stdout=stdout,
                stderr=stderr, preexec_fn=_die_with_parent)

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def output(self):
        """Return what the process wrote to stdout so far."""
        return self.stdout_path.read_text(errors="replace")

    def describe(self):
        """Return the command, exit status and logs, for failure messages."""
        status = self.popen.poll()
        state = "running" if status is None else f"exited with {status}"
        return (f"{self.name} (PID {self.pid}, {state}): "
                f"{' '.join(self.args)}\n"
                f"--- stdout ---\n{self.output()}"
                f"--- stderr ---\n"
                f"{self.stderr_path.read_text(errors='replace')}")

    def wait_for_output(self, pattern, timeout):
        """Wait until stdout matches the regex pattern; return the match."""
        regex = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.output())
            if match:
                return match
            if not self.running():
                raise HarnessError(
                    f"{self.name} exited before printing {pattern!r}\n"
                    + self.describe())
            if time.monotonic() >= deadline:
                raise HarnessError(
                    f"{self.name} printed no {pattern!r} in {timeout} s\n"
                    + self.describe())
            time.sleep(POLL_INTERVAL)

    def wait_for_listening_socket(self, path, timeout):
        """Wait until a Unix socket at path accepts connections."""
        self._wait_until(lambda: unix_socket_listening(path), str(path),
                         timeout)

    def wait_for_listening_port(self, port, timeout):
        """Wait until a TCP socket listens on 127.0.0.1:port."""
        self._wait_until(lambda: tcp_port_listening(port),
                         f"127.0.0.1:{port}", timeout)

    def _wait_until(self, listening, address, timeout):
        deadline = time.monotonic() + timeout
        while not listening():
            if not self.running():
                raise HarnessError(
                    f"{self.name} exited before listening on {address}\n"
                    + self.describe())
            if time.monotonic() >= deadline:
                raise HarnessError(
                    f"{self.name} did not listen on {address} in "
                    f"{timeout} s\n" + self.describe())
            time.sleep(POLL_INTERVAL)

    def stop(self):
        """Stop the process by PID; return its exit status."""
        if self.running():
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.popen.wait(STOP_TIMEOUT)
        return self.popen.returncode


def unix_socket_listening(path):
    """Return whether a listening Unix socket is bound to path."""
    path = str(path)
    with open("/proc/net/unix", encoding="utf-8") as table:
        next(table)
        for line in table:
            fields = line.split()
            if len(fields) >= 8 and fields[7] == path:
                if int(fields[3], 16) & SO_ACCEPTCON:
                    return True
    return False


def tcp_port_listening(port):
    """Return whether a TCP socket listens on 127.0.0.1:port."""
    # /proc/net/tcp: local address as hex IPv4:port, state 0A is LISTEN.
    wanted = f"0100007F:{port:04X}"
    with open("/proc/net/tcp", encoding="utf-8") as table:
        next(table)
        for line in table:
            fields = line.split()
            if fields[1] == wanted and fields[3] == "0A":
                return True
    return False


def free_tcp_port():
    """Return a TCP port on 127.0.0.1 that is free at the moment."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ProcessGroup:
    """The processes of one test, all stopped by stop_all()."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.processes = []

    def start(self, name, args):
        """Start a process; name must be unique within the group."""
        process = ManagedProcess(name, args, self.log_dir)
        self.processes.append(process)
        return process

    def stop_all(self):
        """Stop every process, the newest first; return their logs."""
        for process in reversed(self.processes):
            process.stop()
        return "\n".join(p.describe() for p in self.processes)


def run(args, timeout):
    """Run a command to completion within timeout seconds.

    Returns the subprocess.CompletedProcess with text stdout and stderr.
    On timeout the command is killed and HarnessError raised.
    """
    args = [str(arg) for arg in args]
    try:
        return subprocess.run(args, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              timeout=timeout, preexec_fn=_die_with_parent,
                              check=False)
    except subprocess.TimeoutExpired as error:
        raise HarnessError(
            f"{' '.join(args)} did not finish in {timeout} s\n"
            f"--- stdout ---\n{error.stdout}\n--- stderr ---\n"
            f"{error.stderr}") from error
