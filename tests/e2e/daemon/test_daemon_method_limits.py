"""SPDMGetSignedMeasurements calls that pile up behind a slow device:
spdmd keeps at most METHOD_MAX_WAITING of them per endpoint and rejects
the rest at once (docs/limits.md)."""

import subprocess

from daemon_bus import MEASUREMENT_SET, ROOT, SERVICE
from daemon_env import ATTEST_TIMEOUT, EndpointConfig

# daemon/method.h.
METHOD_MAX_WAITING = 64
# Calls sent at once: one runs, METHOD_MAX_WAITING wait, the rest are
# rejected.
CALLS = METHOD_MAX_WAITING + 6
# The device answers GET_MEASUREMENTS this late, so calls pile up.
MEASUREMENT_DELAY_MS = 2000


def test_waiting_calls_capped(start_spdmd, device_at, private_bus,
                              sample_identity, tmp_path):
    identity = sample_identity("ecp384")
    device = device_at(
        tmp_path / "slow.sock", identity,
        faults=[f"delay-at=GET_MEASUREMENTS:{MEASUREMENT_DELAY_MS}"])
    start_spdmd({"trust-anchor": identity.anchor,
                 "timeout-floor-ms": 2 * MEASUREMENT_DELAY_MS,
                 "timeout-cap-ms": 2 * MEASUREMENT_DELAY_MS},
                [EndpointConfig("dev", device.link)])
    private_bus.wait_for_state("dev", "verified", ATTEST_TIMEOUT)

    command = ["busctl", f"--address={private_bus.address}",
               "--timeout=60", "call", SERVICE, f"{ROOT}/dev",
               MEASUREMENT_SET, "SPDMGetSignedMeasurements", "atst", "0",
               "", "0"]
    calls = [subprocess.Popen(command, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for _ in range(CALLS)]
    outcomes = [call.communicate(timeout=90) for call in calls]
    rejected = [stderr for _, stderr in outcomes
                if "calls already wait for this endpoint" in stderr]
    answered = [stdout for stdout, _ in outcomes if stdout.strip()]

    assert len(rejected) >= CALLS - 1 - METHOD_MAX_WAITING
    assert len(rejected) < CALLS
    assert answered, [stderr for _, stderr in outcomes]
