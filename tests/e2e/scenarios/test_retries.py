# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of devices that respond, but not at once: Busy,
ResponseNotReady, RequestResynch and a late duplicate of an earlier
response. Bounded retries end in Success; unbounded ones end in their
reason."""

import conversation
import pytest
from daemon_bus import ENDPOINT

from .scenario_env import expect_outcome, reattest, received_requests

BUSY_RETRIES = 3
# SPDM codes (DSP0274 1.2 tables 4 and 5).
ERROR = 0x7F
RESPOND_IF_READY = 0xFF
CHALLENGE = 0x83
CHALLENGE_AUTH = 0x03


@pytest.mark.parametrize("busy, status, reason", [
    ("3", "Success", "none"),
    ("4", "Failed", "busy"),
    ("forever", "Failed", "busy"),
], ids=["busy-3-then-ok", "busy-4", "busy-forever"])
def test_busy_retried_within_bound(busy, status, reason, p384, device,
                                   spdmd, private_bus):
    busy_device = device(p384, faults=[f"busy={busy}"])
    daemon = spdmd(p384.anchor, {"busy": busy_device},
                   busy_retries=BUSY_RETRIES)

    expect_outcome(private_bus, daemon, "busy", status, reason)

    requests = received_requests(busy_device)
    if status == "Success":
        # The device returns Busy to each request three times, then the
        # response.
        assert requests.count("GET_VERSION") == BUSY_RETRIES + 1
        assert requests.count("CHALLENGE") == BUSY_RETRIES + 1
    else:
        assert requests == ["GET_VERSION"] * (BUSY_RETRIES + 1)


@pytest.mark.parametrize("versions, code", [
    ("1.2", "CHALLENGE"),
    ("1.2", "GET_MEASUREMENTS"),
    ("1.1", "CHALLENGE"),
    ("1.0", "GET_CERTIFICATE"),
])
def test_busy_retry_keeps_transcript(versions, code, p384, device, spdmd,
                                     private_bus):
    # The request repeated after Busy is the identical request, and only
    # the exchange that succeeds enters the signed transcript: a
    # requester that recorded the Busy exchange too would fail to verify
    # the signature.
    busy_device = device(p384, versions=versions,
                         faults=[f"busy-at={code}:2"])
    daemon = spdmd(p384.anchor, {"busy": busy_device})

    expect_outcome(private_bus, daemon, "busy", "Success", "none")

    assert received_requests(busy_device).count(code) >= 3


def save_evidence(spdmctl, dev, path):
    """Attest a device with spdmctl, saving the conversation; return the
    parsed JSON result."""
    code, result, stderr = spdmctl.attest(dev, "--save-evidence", path,
                                          "--timeout-cap", "3000")
    assert code == 0, (result, stderr)
    return result


def test_not_ready_then_ready_succeeds(p384, device, spdmd, private_bus,
                                       spdmctl, tmp_path):
    # ResponseNotReady first for each of the first ten crypto requests.
    fault = "not-ready=50,10"
    slow = device(p384, faults=[fault])
    daemon = spdmd(p384.anchor, {"slow": slow})

    expect_outcome(private_bus, daemon, "slow", "Success", "none")
    assert "RESPOND_IF_READY" in received_requests(slow)

    # The transcript contains the original request and the final response:
    # saved evidence verifies offline, and CHALLENGE_AUTH is signed over
    # the CHALLENGE it answers.
    evidence = tmp_path / "evidence.txt"
    twin = device(p384, faults=[fault])
    save_evidence(spdmctl, twin, evidence)
    assert ("CHALLENGE answered with ResponseNotReady"
            in twin.process.stderr_path.read_text())
    result = spdmctl.run("verify", "--trust-anchor", p384.anchor,
                         evidence)
    assert result.returncode == 0, result.stdout + result.stderr
    saved = conversation.parse(evidence.read_text())
    codes = [message.code for message in saved.messages]
    assert ERROR not in codes
    assert RESPOND_IF_READY not in codes
    challenge = saved.find(CHALLENGE, is_request=True)
    assert saved.messages[challenge + 1].code == CHALLENGE_AUTH


@pytest.mark.parametrize("versions", ["1.2", "1.1"])
def test_not_ready_signed_measurements_verify(versions, p384, device, spdmd,
                                              private_bus, spdmctl):
    # Every crypto request gets ResponseNotReady before its response.
    slow = device(p384, versions=versions, faults=["not-ready=50,forever"])
    daemon = spdmd(p384.anchor, {"slow": slow})
    expect_outcome(private_bus, daemon, "slow", "Success", "none")

    # spdmctl re-verifies the signed messages spdmd returns offline.
    result = spdmctl.run("get-signed-measurements", "slow", "--nonce",
                         "5a" * 32, "--bus-address", private_bus.address)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "VERIFIED" in result.stdout
    assert "GET_MEASUREMENTS answered with ResponseNotReady" in \
        slow.process.stderr_path.read_text()


def test_never_ready_times_out(p384, device, spdmd, private_bus):
    never = device(p384, faults=["not-ready=60000"])
    daemon = spdmd(p384.anchor, {"never": never}, timeout_cap_ms=300)

    interfaces = expect_outcome(private_bus, daemon, "never", "Unknown",
                                "timeout")

    assert interfaces[ENDPOINT]["State"] == "unreachable"
    assert "CHALLENGE" not in received_requests(never)


@pytest.mark.parametrize("code", ["GET_DIGESTS", "CHALLENGE"])
def test_resynch_restarts_from_version(code, p384, device, spdmd,
                                       private_bus):
    resynching = device(p384, faults=[f"resynch-at={code}"])
    daemon = spdmd(p384.anchor, {"resynching": resynching})

    expect_outcome(private_bus, daemon, "resynching", "Success", "none")

    requests = received_requests(resynching)
    restart = requests.index(code) + 1
    assert requests.count("GET_VERSION") == 2
    assert requests[restart:restart + 3] == [
        "GET_VERSION", "GET_CAPABILITIES", "NEGOTIATE_ALGORITHMS"]


@pytest.mark.parametrize("fault", ["late-duplicate",
                                   "late-duplicate=CHALLENGE"],
                         ids=["every-response", "challenge-auth"])
def test_late_duplicate_never_matched(fault, p384, device, spdmd,
                                      private_bus):
    # The device sends a copy of each response (with its old tag) just
    # before the response to the next request. Matched to the next
    # request, a copy would be the wrong response and fail the flow.
    duplicating = device(p384, faults=[fault])
    daemon = spdmd(p384.anchor, {"duplicating": duplicating})

    expect_outcome(private_bus, daemon, "duplicating", "Success", "none")
    # The copy of the last response arrives before the next attestation's
    # VERSION.
    reattest(private_bus, daemon, "duplicating", "Success", "none")

    log = duplicating.process.stderr_path.read_text()
    assert "(late-duplicate)" in log
    assert received_requests(duplicating).count("GET_VERSION") == 2
