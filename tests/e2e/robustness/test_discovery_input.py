# SPDX-License-Identifier: BSD-3-Clause
"""What a buggy mctpd publishes: endpoints with EIDs that DSP0236 reserves
(0 is the null EID, 1 to 7 are reserved, 255 is the broadcast EID), which
spdmd must not attest and must log, because a request to the broadcast
EID reaches every endpoint of the network; and endpoints that come and
go while D-Bus callers use them."""

import subprocess

import pytest
from daemon_bus import ENDPOINT, MEASUREMENT_SET, ROOT, SERVICE
from daemon_env import ATTEST_TIMEOUT, P384_SHA384, EndpointConfig

import harness

# Seconds spdmd gets to see mctpd's objects.
DISCOVERY_TIMEOUT = 10


@pytest.mark.parametrize("eid", [0, 1, 7, 255])
def test_reserved_eid_ignored(eid, unix_device, sample_identity,
                              start_spdmd, start_mctpd, private_bus):
    identity = sample_identity("ecp384")
    good = unix_device(identity, **P384_SHA384)
    mock = start_mctpd()
    daemon = start_spdmd({"trust-anchor": identity.anchor,
                          "mctpd-discovery": "yes"},
                         [EndpointConfig("good", good.link)])

    mock.add(1, eid, [0x05])
    mock.add(1, 20, [0x05])
    private_bus.wait_for(lambda: "mctp_1_20" in private_bus.endpoints(),
                         DISCOVERY_TIMEOUT, "mctp_1_20 published")
    lines = daemon.wait_for_log(rf"EID {eid}\b.*ignored", DISCOVERY_TIMEOUT)

    assert f"mctp_1_{eid}" not in private_bus.endpoints()
    assert "8-254" in lines[-1]
    private_bus.attest_until("good", "verified", ATTEST_TIMEOUT)


# Seconds busctl waits for one reply.
CALL_TIMEOUT = 25


def start_call(bus, path, interface, method, *arguments):
    return subprocess.Popen(
        ["busctl", f"--address={bus.address}", f"--timeout={CALL_TIMEOUT}",
         "call", SERVICE, path, interface, method, *arguments],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=harness._die_with_parent)


# Endpoints added and removed in each round, and the rounds.
CHURN_EIDS = range(20, 26)
CHURN_ROUNDS = 40


def test_calls_while_endpoints_churn(unix_device, sample_identity,
                                     start_spdmd, start_mctpd, private_bus):
    """Attest() and SPDMGetSignedMeasurements on endpoints that mctpd
    publishes and removes meanwhile: every call gets a reply, and spdmd
    keeps attesting its configured endpoint."""
    identity = sample_identity("ecp384")
    good = unix_device(identity, **P384_SHA384)
    mock = start_mctpd()
    daemon = start_spdmd({"trust-anchor": identity.anchor,
                          "mctpd-discovery": "yes"},
                         [EndpointConfig("good", good.link)])
    callers = []

    for round_number in range(CHURN_ROUNDS):
        for eid in CHURN_EIDS:
            mock.command_result(f"add 1 {eid} 0x05")
        path = f"{ROOT}/mctp_1_{CHURN_EIDS[round_number % len(CHURN_EIDS)]}"
        callers.append(start_call(private_bus, path, ENDPOINT, "Attest"))
        callers.append(start_call(private_bus, path, MEASUREMENT_SET,
                                  "SPDMGetSignedMeasurements", "atst", "0",
                                  "", "0"))
        for eid in CHURN_EIDS:
            mock.command_result(f"remove 1 {eid}")

    answers = [caller.communicate(timeout=CALL_TIMEOUT + 5)[0]
               for caller in callers]
    unanswered = [answer for answer in answers
                  if "Connection timed out" in answer]
    assert unanswered == []
    assert daemon.process.running()
    private_bus.attest_until("good", "verified", ATTEST_TIMEOUT)

