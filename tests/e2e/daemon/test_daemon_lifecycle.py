# SPDX-License-Identifier: BSD-3-Clause
"""spdmd while devices come and go: a device that appears after spdmd
started, a device that disappears in the middle of an attestation, and
a clean stop."""

from daemon_bus import (ENDPOINT, IDENTITY_AUTHENTICATION, SERVICE,
                        STATUS_SUCCESS, STATUS_UNKNOWN)
from daemon_env import ATTEST_TIMEOUT, EndpointConfig

# Milliseconds the slow device waits before each response, so that an
# attestation lasts long enough to be interrupted.
SLOW_RESPONSE_MS = 400


def test_device_appears_after_start(device_at, sample_identity,
                                    start_spdmd, private_bus, tmp_path):
    identity = sample_identity("ecp384")
    socket_path = tmp_path / "late.sock"
    start_spdmd({"trust-anchor": identity.anchor},
                [EndpointConfig("late", f"unix:{socket_path}")])
    ep = private_bus.wait_for_state("late", "unreachable", ATTEST_TIMEOUT)
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_UNKNOWN)

    device_at(socket_path, identity)

    ep = private_bus.attest_until("late", "verified", ATTEST_TIMEOUT)
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_SUCCESS)


def test_device_gone_mid_attestation(unix_device, sample_identity,
                                     start_spdmd, private_bus):
    identity = sample_identity("ecp384")
    slow = unix_device(identity, faults=[f"delay={SLOW_RESPONSE_MS}"])
    steady = unix_device(identity)
    daemon = start_spdmd({"trust-anchor": identity.anchor,
                          "timeout-cap-ms": 2000},
                         [EndpointConfig("slow", slow.link),
                          EndpointConfig("steady", steady.link)])
    private_bus.wait_for_state("slow", "attesting", ATTEST_TIMEOUT)

    slow.process.stop()

    ep = private_bus.wait_for_state("slow", ("unreachable", "failed"),
                                    ATTEST_TIMEOUT)
    assert ep[ENDPOINT]["Reason"] == "link-lost"
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_UNKNOWN)
    private_bus.wait_for_state("steady", "verified", ATTEST_TIMEOUT)
    assert daemon.process.running()
    assert daemon.log_lines(r"slow.*attestation FAILED.*link-lost")


def test_sigterm_stops_cleanly(unix_device, sample_identity, start_spdmd,
                               private_bus):
    identity = sample_identity("ecp384")
    device = unix_device(identity)
    daemon = start_spdmd({"trust-anchor": identity.anchor},
                         [EndpointConfig("dev0", device.link)])
    private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)

    assert daemon.stop() == 0
    assert not private_bus.has_owner(SERVICE)
