"""spdmctl against devices at every cap of docs/limits.md: the largest
chain, the most measurement blocks and opaque data, the smallest
certificate portions, Busy and ResponseNotReady without end, and
silence. spdmctl's peak memory must stay within the per-endpoint bound
and each run within the time the caps allow."""

import json
import subprocess
import sys
import time

import pytest

import limits_data

# docs/limits.md: what one attestation may add to a requester's memory.
PER_ENDPOINT_MEMORY_KIB = 32 * 1024
# ASan keeps freed memory in quarantine and adds redzones and shadow
# memory, so a sanitized build gets this factor on the bound.
SANITIZED_MEMORY_FACTOR = 3
# spdmctl's start, crypto and exit, outside the waits the caps bound.
WORK_SECONDS = 5.0
# requester.h defaults: retries and the Busy delay.
BUSY_RETRY_MAX = 5
BUSY_RETRY_DELAY_S = 0.1
NOT_READY_RETRY_MAX = 5
# spdmctl --timeout-cap for the time tests: every timeout and every
# ResponseNotReady wait is at most this long.
TIMEOUT_CAP_MS = 200
# SPDM_MAX_OPAQUE_SIZE: OpaqueLength of CHALLENGE_AUTH and MEASUREMENTS.
MAX_OPAQUE_SIZE = 1024
# SPDM_MAX_CERT_PORTIONS.
MAX_CERT_PORTIONS = 2048
# --timeout-cap of the portion test: short enough that the portions run
# out before the 300 s of waits an attestation may take.
PORTION_TIMEOUT_CAP_MS = 100

# Runs a command and writes the child's peak resident set size (the
# kernel's VmHWM at exit, in KiB) to the file named first.
RSS_PROBE = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(result.returncode)
"""


@pytest.fixture(scope="module")
def large_chain(tmp_path_factory):
    return limits_data.largest_chain(tmp_path_factory.mktemp("chain"))


@pytest.fixture(scope="module")
def measurement_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("measurements")
    return limits_data.most_measurements(folder / "blocks.meas")


def is_sanitized(path):
    """Return whether a binary is linked against ASan."""
    result = subprocess.run(["ldd", str(path)], capture_output=True,
                            text=True, check=False)
    return "libasan" in result.stdout


def run_measured(spdmctl_path, tmp_path, device, *args):
    """Run spdmctl attest --json on device; return (exit code, stdout,
    peak RSS in KiB, seconds)."""
    rss_file = tmp_path / f"rss-{time.monotonic_ns()}"
    command = [sys.executable, "-c", RSS_PROBE, str(rss_file),
               str(spdmctl_path), "attest", "--link", device.link,
               "--trust-anchor", str(device.identity.anchor), "--json",
               *map(str, args)]
    started = time.monotonic()
    result = subprocess.run(command, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=600,
                            check=False)
    elapsed = time.monotonic() - started
    peak_kib = int(rss_file.read_text())
    return result.returncode, result.stdout, peak_kib, elapsed


def verdict(stdout):
    """Parse spdmctl's JSON result."""
    return json.loads(stdout)


def test_largest_device_within_memory_bound(
        start_device, sample_identity, spdmctl_path, tmp_path, large_chain,
        measurement_file):
    baseline_device = start_device(sample_identity("ecp384"), "unix")
    code, stdout, baseline_kib, _ = run_measured(
        spdmctl_path, tmp_path, baseline_device)
    assert code == 0, stdout

    # The largest chain, 64 blocks filling the record, the most opaque
    # data, and Busy as often as the requester retries before each
    # response.
    device = start_device(
        large_chain, "unix",
        faults=[f"measurements={measurement_file}",
                f"opaque={MAX_OPAQUE_SIZE}",
                f"busy={BUSY_RETRY_MAX}"])
    code, stdout, peak_kib, elapsed = run_measured(
        spdmctl_path, tmp_path, device)
    result = verdict(stdout)

    assert code == 0, stdout
    assert result["verified"] is True
    assert result["measurement_count"] == limits_data.MAX_BLOCKS
    bound = PER_ENDPOINT_MEMORY_KIB
    if is_sanitized(spdmctl_path):
        bound *= SANITIZED_MEMORY_FACTOR
    print(f"spdmctl peak RSS: {peak_kib} KiB at the caps, "
          f"{baseline_kib} KiB with a sample device; {elapsed:.1f} s")
    assert peak_kib - baseline_kib <= bound, (
        f"peak {peak_kib} KiB, baseline {baseline_kib} KiB")
    # requester.h: max_total_wait_ms is 300000 by default.
    assert elapsed < 300 + WORK_SECONDS


def test_smallest_portions_stop_at_cap(start_device, spdmctl_path, tmp_path,
                                       large_chain):
    device = start_device(large_chain, "unix", faults=["cert-portion=1"])
    code, stdout, peak_kib, elapsed = run_measured(
        spdmctl_path, tmp_path, device, "--timeout-cap",
        PORTION_TIMEOUT_CAP_MS)
    result = verdict(stdout)

    assert code == 1, stdout
    assert result["reason"] == "resource-limit"
    assert "portions" in result["detail"]
    # Each exchange waits PORTION_TIMEOUT_CAP_MS at most: VCA,
    # GET_DIGESTS and one portion more than the cap allows.
    exchanges = 4 + MAX_CERT_PORTIONS + 1
    assert elapsed <= (exchanges * PORTION_TIMEOUT_CAP_MS / 1000
                       + WORK_SECONDS)
    assert peak_kib <= PER_ENDPOINT_MEMORY_KIB * SANITIZED_MEMORY_FACTOR


def test_busy_forever_bounded(start_device, sample_identity, spdmctl_path,
                              tmp_path):
    device = start_device(sample_identity("ecp384"), "unix",
                          faults=["busy=forever"])
    code, stdout, _, elapsed = run_measured(
        spdmctl_path, tmp_path, device, "--timeout-cap", TIMEOUT_CAP_MS)
    result = verdict(stdout)

    assert code == 1, stdout
    assert result["reason"] == "busy"
    # GET_VERSION and its retries, each answered at once, with a delay
    # before each retry.
    bound = ((BUSY_RETRY_MAX + 1) * TIMEOUT_CAP_MS / 1000
             + BUSY_RETRY_MAX * BUSY_RETRY_DELAY_S)
    assert elapsed <= bound + WORK_SECONDS


def test_not_ready_forever_bounded(start_device, sample_identity,
                                   spdmctl_path, tmp_path):
    # The device asks for a minute and is never ready within the test.
    device = start_device(sample_identity("ecp384"), "unix",
                          faults=["not-ready=60000"])
    code, stdout, _, elapsed = run_measured(
        spdmctl_path, tmp_path, device, "--timeout-cap", TIMEOUT_CAP_MS)
    result = verdict(stdout)

    assert code == 1, stdout
    assert result["reason"] in ("device-error", "timeout")
    # VCA (3 exchanges), then GET_DIGESTS and its RESPOND_IF_READY
    # retries, each after a wait cut to TIMEOUT_CAP_MS.
    exchanges = 3 + 1 + NOT_READY_RETRY_MAX
    bound = (exchanges + NOT_READY_RETRY_MAX) * TIMEOUT_CAP_MS / 1000
    assert elapsed <= bound + WORK_SECONDS


def test_silent_device_bounded(start_device, sample_identity, spdmctl_path,
                               tmp_path):
    device = start_device(sample_identity("ecp384"), "unix",
                          faults=["silent"])
    code, stdout, _, elapsed = run_measured(
        spdmctl_path, tmp_path, device, "--timeout-cap", TIMEOUT_CAP_MS)
    result = verdict(stdout)

    assert code == 1, stdout
    assert result["reason"] == "timeout"
    assert elapsed <= TIMEOUT_CAP_MS / 1000 + WORK_SECONDS
