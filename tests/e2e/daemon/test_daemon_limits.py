"""spdmd attests a device at the caps of docs/limits.md (the largest
chain, the most measurement blocks and opaque data, Busy before every
response) and its peak memory (VmHWM) grows by no more than the
per-endpoint bound over a run with a sample device."""

import subprocess

import limits_data
from daemon_env import ATTEST_TIMEOUT, EndpointConfig

# docs/limits.md: what one attestation may add to a requester's memory.
PER_ENDPOINT_MEMORY_KIB = 32 * 1024
# ASan quarantine, redzones and shadow memory (see tests/e2e/test_limits).
SANITIZED_MEMORY_FACTOR = 3
# SPDM_MAX_OPAQUE_SIZE: OpaqueLength of CHALLENGE_AUTH and MEASUREMENTS.
MAX_OPAQUE_SIZE = 1024
# Busy retries before giving up, set in spdmd.conf to the requester's
# default (spdmd's own default is lower).
BUSY_RETRY_MAX = 5


def peak_rss_kib(pid):
    """Return a running process's VmHWM in KiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmHWM in /proc/{pid}/status")


def is_sanitized(path):
    """Return whether a binary is linked against ASan."""
    result = subprocess.run(["ldd", str(path)], capture_output=True,
                            text=True, check=False)
    return "libasan" in result.stdout


def attested_peak(start_spdmd, device, private_bus, anchor):
    """Start spdmd for one device, wait for its verdict; return spdmd's
    peak RSS in KiB and stop it."""
    daemon = start_spdmd({"trust-anchor": anchor,
                          "busy-retries": BUSY_RETRY_MAX},
                         [EndpointConfig("dev", device.link)])
    # Busy before each response makes the largest device slow: about
    # 0.5 s per request.
    private_bus.wait_for_state("dev", "verified", 4 * ATTEST_TIMEOUT)
    peak = peak_rss_kib(daemon.process.pid)
    daemon.stop()
    return peak


def test_spdmd_memory_at_caps(start_spdmd, device_at, private_bus,
                              sample_identity, spdmd_path, tmp_path,
                              tmp_path_factory):
    identity = sample_identity("ecp384")
    sample = device_at(tmp_path / "sample.sock", identity)
    baseline_kib = attested_peak(start_spdmd, sample, private_bus,
                                 identity.anchor)

    chain = limits_data.largest_chain(tmp_path_factory.mktemp("chain"))
    blocks = limits_data.most_measurements(tmp_path / "blocks.meas")
    largest = device_at(tmp_path / "largest.sock", chain,
                        faults=[f"measurements={blocks}",
                                f"opaque={MAX_OPAQUE_SIZE}",
                                f"busy={BUSY_RETRY_MAX}"])
    peak_kib = attested_peak(start_spdmd, largest, private_bus,
                             chain.anchor)

    bound = PER_ENDPOINT_MEMORY_KIB
    if is_sanitized(spdmd_path):
        bound *= SANITIZED_MEMORY_FACTOR
    print(f"spdmd VmHWM: {peak_kib} KiB at the caps, {baseline_kib} KiB "
          "with a sample device")
    assert peak_kib - baseline_kib <= bound, (
        f"peak {peak_kib} KiB, baseline {baseline_kib} KiB")
