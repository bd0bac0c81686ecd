# SPDX-License-Identifier: BSD-3-Clause
"""spdmd discovering endpoints from mctpd, here mock_mctpd on the private
bus.

This machine's kernel has no AF_MCTP, so a discovered endpoint cannot be
attested: these tests check what spdmd publishes for it (an object in
state unreachable with VerificationStatus Unknown) and that it follows
mctpd's additions, removals and restarts.
"""

import json

import pytest

from daemon_bus import (COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, STATUS_UNKNOWN, TYPE_SPDM)
from daemon_env import EndpointConfig

CONTROL = 0x00
PLDM = 0x01
SPDM = 0x05
UUID = "8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7"
# Seconds spdmd may take to follow a change mctpd published.
FOLLOW_TIMEOUT = 10

DISCOVERY = {"mctpd-discovery": "yes"}


def wait_for_ids(bus, expected):
    """Wait until spdmd publishes exactly the endpoint ids expected."""
    expected = sorted(expected)
    return bus.wait_for(lambda: sorted(bus.endpoints()) == expected,
                        FOLLOW_TIMEOUT, f"endpoints {expected}")


def wait_unreachable(bus, endpoint_id):
    return bus.wait_for_state(endpoint_id, "unreachable", FOLLOW_TIMEOUT)


def test_discovered_endpoint_published(start_mctpd, start_spdmd,
                                       private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM], UUID)
    start_spdmd(DISCOVERY)

    ep = wait_unreachable(private_bus, "mctp_1_10")

    assert ep[COMPONENT_INTEGRITY]["Type"] == TYPE_SPDM
    assert ep[COMPONENT_INTEGRITY]["LastUpdated"] == 0
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_UNKNOWN)
    assert ep[ENDPOINT]["Name"] == "mctp_1_10"
    assert ep[ENDPOINT]["Network"] == 1
    assert ep[ENDPOINT]["EID"] == 10
    assert ep[ENDPOINT]["Transport"] == "af-mctp"
    assert ep[ENDPOINT]["Link"] == "mctp:1"
    assert ep[ENDPOINT]["UUID"] == UUID
    assert ep[ENDPOINT]["Reason"] != "none"


def test_only_spdm_endpoints_published(start_mctpd, start_spdmd,
                                       private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM])
    mctpd.add(1, 11, [CONTROL, PLDM])
    mctpd.add(1, 12, [SPDM])
    start_spdmd(DISCOVERY)

    wait_for_ids(private_bus, ["mctp_1_10", "mctp_1_12"])

    # mctpd's own EID 8 (types [0x00]) and the PLDM-only EID 11 stay out.
    assert "mctp_1_8" not in private_bus.endpoints()
    assert "mctp_1_11" not in private_bus.endpoints()


def test_endpoint_added_after_start(start_mctpd, start_spdmd, private_bus):
    mctpd = start_mctpd()
    start_spdmd(DISCOVERY)
    wait_for_ids(private_bus, [])

    mctpd.add(1, 20, [CONTROL, SPDM])

    ep = wait_unreachable(private_bus, "mctp_1_20")
    assert ep[ENDPOINT]["EID"] == 20


def test_mctpd_started_after_spdmd(start_mctpd, start_spdmd, private_bus):
    start_spdmd(DISCOVERY)
    wait_for_ids(private_bus, [])

    mctpd = start_mctpd()
    mctpd.add(1, 21, [CONTROL, SPDM])

    wait_unreachable(private_bus, "mctp_1_21")


def test_endpoint_removed(start_mctpd, start_spdmd, private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM])
    mctpd.add(1, 11, [CONTROL, SPDM])
    start_spdmd(DISCOVERY)
    wait_for_ids(private_bus, ["mctp_1_10", "mctp_1_11"])

    mctpd.remove(1, 10)

    wait_for_ids(private_bus, ["mctp_1_11"])


def test_endpoint_removed_and_added_again(start_mctpd, start_spdmd,
                                          private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM])
    start_spdmd(DISCOVERY)
    wait_for_ids(private_bus, ["mctp_1_10"])

    mctpd.remove(1, 10)
    wait_for_ids(private_bus, [])
    mctpd.add(1, 10, [CONTROL, SPDM], UUID)

    ep = wait_unreachable(private_bus, "mctp_1_10")
    assert ep[ENDPOINT]["UUID"] == UUID


def test_mctpd_restart(start_mctpd, start_spdmd, private_bus):
    first = start_mctpd()
    first.add(1, 10, [CONTROL, SPDM])
    first.add(1, 12, [CONTROL, SPDM])
    daemon = start_spdmd(DISCOVERY)
    wait_for_ids(private_bus, ["mctp_1_10", "mctp_1_12"])

    first.stop()
    second = start_mctpd()
    second.add(1, 10, [CONTROL, SPDM])
    second.add(1, 13, [CONTROL, SPDM])

    wait_for_ids(private_bus, ["mctp_1_10", "mctp_1_13"])
    assert daemon.process.running()


def test_legacy_mctpd_discovered(start_mctpd, start_spdmd, private_bus):
    mctpd = start_mctpd(legacy=True)
    mctpd.add(1, 10, [CONTROL, SPDM])
    start_spdmd(DISCOVERY)

    ep = wait_unreachable(private_bus, "mctp_1_10")

    assert ep[ENDPOINT]["Network"] == 1


def test_network_filter(start_mctpd, start_spdmd, private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM])
    mctpd.add(2, 10, [CONTROL, SPDM])
    start_spdmd({**DISCOVERY, "af-mctp-network": 2})

    wait_for_ids(private_bus, ["mctp_2_10"])


def test_discovery_off(start_mctpd, start_spdmd, private_bus, tmp_path):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM])
    absent = tmp_path / "absent.sock"
    start_spdmd({"mctpd-discovery": "no"},
                [EndpointConfig("dev0", f"unix:{absent}")])

    wait_unreachable(private_bus, "dev0")

    assert sorted(private_bus.endpoints()) == ["dev0"]


def test_configured_af_mctp_name_kept(start_mctpd, start_spdmd,
                                      private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 12, [CONTROL, SPDM], UUID)
    start_spdmd(DISCOVERY, [EndpointConfig("NIC_0", "mctp:1", eid=12)])

    ep = private_bus.wait_for(
        lambda: private_bus.endpoints().get("NIC_0", {}).get(
            ENDPOINT, {}).get("UUID") == UUID and private_bus.endpoints(),
        FOLLOW_TIMEOUT, "NIC_0 with mctpd's UUID")

    assert sorted(ep) == ["NIC_0"]


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_interfaces_added_signal(legacy, start_mctpd, start_spdmd,
                                 private_bus, processes):
    mctpd = start_mctpd(legacy=legacy)
    start_spdmd(DISCOVERY)
    monitor = processes.start("busctl-monitor", [
        "busctl", f"--address={private_bus.address}", "monitor",
        "--json=short"])

    # The monitor has subscribed once it shows a call made after it.
    def monitor_ready():
        private_bus.endpoints()
        return "GetManagedObjects" in monitor.output()
    private_bus.wait_for(monitor_ready, FOLLOW_TIMEOUT, "busctl monitor")

    mctpd.add(1, 30, [CONTROL, SPDM])
    wait_unreachable(private_bus, "mctp_1_30")
    mctpd.remove(1, 30)
    wait_for_ids(private_bus, [])

    private_bus.wait_for(
        lambda: "InterfacesRemoved" in monitor.output(), FOLLOW_TIMEOUT,
        "InterfacesRemoved from spdmd")
    signals = [json.loads(line) for line in monitor.output().splitlines()
               if '"InterfacesAdded"' in line
               or '"InterfacesRemoved"' in line]
    from_spdmd = [s for s in signals
                  if s.get("path") == "/xyz/openbmc_project/"
                  "component_integrity"]
    added = [s for s in from_spdmd if s["member"] == "InterfacesAdded"]
    removed = [s for s in from_spdmd if s["member"] == "InterfacesRemoved"]
    assert len(added) == 1
    assert len(removed) == 1
    assert added[0]["payload"]["data"][0] == (
        "/xyz/openbmc_project/component_integrity/mctp_1_30")
    assert COMPONENT_INTEGRITY in added[0]["payload"]["data"][1]
    assert removed[0]["payload"]["data"][0] == (
        "/xyz/openbmc_project/component_integrity/mctp_1_30")
