# SPDX-License-Identifier: BSD-3-Clause
"""What a buggy mctpd publishes: endpoints with EIDs that DSP0236 reserves
(0 is the null EID, 1 to 7 are reserved, 255 is the broadcast EID). spdmd
must not attest them, because a request to the broadcast EID reaches
every endpoint of the network, and it logs why each one is ignored."""

import pytest
from daemon_env import ATTEST_TIMEOUT, P384_SHA384, EndpointConfig

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
