# SPDX-License-Identifier: BSD-3-Clause
"""Signals and state directory problems a careless operator causes while
spdmd runs: SIGHUP, SIGTERM during an attestation and a method call, and
a trust-on-first-use state directory that is read-only or full."""

import os
import signal
import subprocess
import time

import pytest
from daemon_bus import ENDPOINT, MEASUREMENT_SET, ROOT, SERVICE
from daemon_env import ATTEST_TIMEOUT, P384_SHA384, EndpointConfig, Spdmd

# Seconds spdmd gets to react to a signal.
SIGNAL_TIMEOUT = 5


def test_sighup_keeps_serving(unix_device, sample_identity, start_spdmd,
                              private_bus):
    identity = sample_identity("ecp384")
    device = unix_device(identity, **P384_SHA384)
    daemon = start_spdmd({"trust-anchor": identity.anchor},
                         [EndpointConfig("dev", device.link)])
    private_bus.wait_for_state("dev", "verified", ATTEST_TIMEOUT)

    os.kill(daemon.process.pid, signal.SIGHUP)
    lines = daemon.wait_for_log(r"SIGHUP|Hangup", SIGNAL_TIMEOUT)

    assert daemon.process.running(), daemon.log()
    assert "restart" in lines[-1]
    interfaces = private_bus.attest_until("dev", "verified", ATTEST_TIMEOUT)
    assert interfaces[ENDPOINT]["Reason"] == "none"


def test_sigterm_during_method_call(unix_device, sample_identity,
                                    start_spdmd, private_bus):
    identity = sample_identity("ecp384")
    slow = unix_device(identity,
                       faults=["delay-at=GET_MEASUREMENTS:3000"],
                       **P384_SHA384)
    daemon = start_spdmd({"trust-anchor": identity.anchor,
                          "timeout-floor-ms": 4000,
                          "timeout-cap-ms": 5000},
                         [EndpointConfig("slow", slow.link)])
    private_bus.wait_for_state("slow", "attesting", ATTEST_TIMEOUT)
    call = subprocess.Popen(
        ["busctl", f"--address={private_bus.address}", "--timeout=30",
         "call", SERVICE, f"{ROOT}/slow", MEASUREMENT_SET,
         "SPDMGetSignedMeasurements", "atst", "0", "", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # The call waits behind the attestation, which waits 3 s for the
    # device: half a second lets busctl deliver it.
    time.sleep(0.5)
    started = time.monotonic()

    os.kill(daemon.process.pid, signal.SIGTERM)
    status = daemon.process.popen.wait(SIGNAL_TIMEOUT)
    output, _ = call.communicate(timeout=30)

    assert status == 0, daemon.log()
    assert time.monotonic() - started < SIGNAL_TIMEOUT
    assert call.returncode != 0
    assert "spdmd is stopping" in output
    assert "spdmd stopped" in daemon.log()


@pytest.fixture
def tiny_state_dir(start_spdmd, tmp_path):
    """Mount a tmpfs on the state directory that start_spdmd gives
    spdmd; yields mount(options)."""
    if os.geteuid() != 0:
        pytest.fail("the pin store tests mount a tmpfs: run them as root")
    state = tmp_path / "state"
    mounted = []

    def mount(options):
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs",
                        state], check=True, timeout=10)
        mounted.append(state)
        return state

    yield mount
    for path in mounted:
        # Lazily, because spdmd may still run until the processes stop.
        subprocess.run(["umount", "--lazy", path], check=True, timeout=10)


def fill(folder):
    """Write until the file system has no space left."""
    try:
        with open(folder / "filler", "wb") as filler:
            for _ in range(1024):
                filler.write(b"x" * 4096)
                filler.flush()
    except OSError:
        return
    raise AssertionError(f"{folder} did not fill up")


@pytest.mark.parametrize("problem", ["read-only", "full"])
def test_pin_store_unwritable(problem, tiny_state_dir, unix_device,
                              sample_identity, start_spdmd, private_bus):
    identity = sample_identity("ecp384")
    device = unix_device(identity, **P384_SHA384)
    if problem == "read-only":
        tiny_state_dir("ro,size=64k")
    else:
        fill(tiny_state_dir("size=16k"))

    daemon = start_spdmd({"trust-policy": "tofu"},
                         [EndpointConfig("dev", device.link)])
    interfaces = private_bus.wait_for_state("dev", "failed", ATTEST_TIMEOUT)

    project = interfaces[ENDPOINT]
    assert project["Reason"] == "internal-error"
    assert "failed to record the pin" in project["Detail"]
    assert str(daemon.state_dir) in project["Detail"]
    assert daemon.process.running()


def test_bus_lost_exits_with_failure(unix_device, sample_identity,
                                     start_spdmd, private_bus, processes):
    """When the bus goes away, spdmd exits with status 1 and logs why, so
    that systemd (Restart=on-failure) starts it again."""
    identity = sample_identity("ecp384")
    device = unix_device(identity, **P384_SHA384)
    daemon = start_spdmd({"trust-anchor": identity.anchor},
                         [EndpointConfig("dev", device.link)])
    private_bus.wait_for_state("dev", "verified", ATTEST_TIMEOUT)
    bus = next(process for process in processes.processes
               if process.name == "dbus-daemon")

    os.kill(bus.pid, signal.SIGKILL)
    status = daemon.process.popen.wait(SIGNAL_TIMEOUT)

    assert status == 1, daemon.log()
    assert daemon.log_lines(r"error: .*connection to the bus")


def test_state_dir_cannot_be_made(spdmd_path, private_bus, processes,
                                  tmp_path):
    """A --state-dir whose parent is missing is named once, plainly."""
    state_dir = tmp_path / "missing" / "state"
    config = tmp_path / "spdmd.conf"
    config.write_text("[global]\ntrust-policy = tofu\n"
                      "mctpd-discovery = no\n")
    process = processes.start("spdmd", [
        spdmd_path, "--config", config, "--bus-address",
        private_bus.address, "--state-dir", state_dir, "--log-stderr"])
    daemon = Spdmd(process, config, state_dir)

    lines = daemon.wait_for_log(r"No such file or directory",
                                SIGNAL_TIMEOUT)

    assert lines[0] == (f"spdmd: error: {state_dir}: "
                        "No such file or directory")
