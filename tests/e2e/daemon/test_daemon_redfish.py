# SPDX-License-Identifier: BSD-3-Clause
"""The Redfish view (spdmctl redfish) and the status table (spdmctl
status) of spdmd's objects, field by field, and schema-valid."""

import datetime
import json
import re

import pytest

from daemon_bus import COMPONENT_INTEGRITY, ENDPOINT
from daemon_env import EndpointConfig
from redfish_schema import validate_collection, validate_member

COLLECTION = "/redfish/v1/ComponentIntegrity"
MEMBER_TYPE = "#ComponentIntegrity.v1_3_2.ComponentIntegrity"
ACTION = "#ComponentIntegrity.SPDMGetSignedMeasurements"
# Seconds a configured device without an emulator takes to be unreachable.
UNREACHABLE_TIMEOUT = 15


def redfish(spdmctl, bus, *args):
    result = spdmctl.run("redfish", *args, "--bus-address", bus.address)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def iso_ms(ms):
    """Render milliseconds since the epoch as bmcweb does."""
    moment = datetime.datetime.fromtimestamp(ms / 1000,
                                             datetime.timezone.utc)
    return (moment.strftime("%Y-%m-%dT%H:%M:%S")
            + f".{ms % 1000:03d}+00:00")


def test_collection(three_devices, private_bus, spdmctl):
    collection = redfish(spdmctl, private_bus)

    assert collection["@odata.id"] == COLLECTION
    assert collection["@odata.type"] == (
        "#ComponentIntegrityCollection.ComponentIntegrityCollection")
    assert collection["Members"] == [
        {"@odata.id": f"{COLLECTION}/dev11"},
        {"@odata.id": f"{COLLECTION}/dev12"},
        {"@odata.id": f"{COLLECTION}/devbad"}]
    assert collection["Members@odata.count"] == 3
    validate_collection(collection)


def test_verified_member(three_devices, private_bus, spdmctl):
    integrity = three_devices["endpoints"]["dev12"][COMPONENT_INTEGRITY]

    member = redfish(spdmctl, private_bus, "dev12")

    assert member["@odata.id"] == f"{COLLECTION}/dev12"
    assert member["@odata.type"] == MEMBER_TYPE
    assert member["Id"] == "dev12"
    assert member["Name"] == "Component Integrity"
    assert member["ComponentIntegrityEnabled"] is True
    assert member["ComponentIntegrityType"] == "SPDM"
    assert member["ComponentIntegrityTypeVersion"] == "1.2.0"
    assert member["LastUpdated"] == iso_ms(integrity["LastUpdated"])
    assert member["SPDM"]["Requester"] == {
        "@odata.id": "/redfish/v1/Managers/bmc"}
    assert member["SPDM"]["IdentityAuthentication"] == {
        "ResponderAuthentication": {"VerificationStatus": "Success"}}
    assert member["TargetComponentURI"] == "/redfish/v1/Chassis/GPU_0"
    assert member["Actions"] == {ACTION: {
        "target": f"{COLLECTION}/dev12/Actions/"
                  "ComponentIntegrity.SPDMGetSignedMeasurements"}}
    validate_member(member)


def test_failed_member(three_devices, private_bus, spdmctl):
    member = redfish(spdmctl, private_bus, "devbad")

    assert member["SPDM"]["IdentityAuthentication"] == {
        "ResponderAuthentication": {"VerificationStatus": "Failed"}}
    assert member["TargetComponentURI"] == "/redfish/v1/Chassis"
    validate_member(member)


def test_members_follow_the_schema_pattern(three_devices, private_bus,
                                           spdmctl):
    for name in ("dev11", "dev12", "devbad"):
        member = redfish(spdmctl, private_bus, name)

        # The schema states this pattern in text only, so it is checked
        # here rather than by jsonschema.
        assert re.fullmatch(r"\d+\.\d+\.\d+",
                            member["ComponentIntegrityTypeVersion"])
        validate_member(member)


def test_unknown_member(three_devices, private_bus, spdmctl):
    result = spdmctl.run("redfish", "nope", "--bus-address",
                         private_bus.address)

    assert result.returncode == 1
    assert f"{COLLECTION}/nope not found" in result.stderr


@pytest.fixture
def unreachable_endpoints(start_spdmd, private_bus, tmp_path,
                          sample_identity):
    """Configured endpoints with no device behind them."""
    absent = f"unix:{tmp_path / 'absent.sock'}"
    start_spdmd({"trust-anchor": sample_identity("ecp384").anchor}, [
        EndpointConfig(
            "board", absent, eid=10,
            inventory="/xyz/openbmc_project/inventory/system/board/NIC_0"),
        EndpointConfig(
            "chassis", absent, eid=11,
            inventory="/xyz/openbmc_project/inventory/chassis/Tray_1")])
    for name in ("board", "chassis"):
        private_bus.wait_for_state(name, "unreachable", UNREACHABLE_TIMEOUT)


def test_unknown_status_omitted(unreachable_endpoints, private_bus,
                                spdmctl):
    member = redfish(spdmctl, private_bus, "board")

    assert "IdentityAuthentication" not in member["SPDM"]
    assert "LastUpdated" not in member
    assert member["ComponentIntegrityType"] == "SPDM"
    validate_member(member)


def test_target_outside_chassis(unreachable_endpoints, private_bus,
                                spdmctl):
    member = redfish(spdmctl, private_bus, "board")

    assert member["TargetComponentURI"] == "/redfish/v1/Chassis"


def test_target_under_inventory_chassis(unreachable_endpoints, private_bus,
                                        spdmctl):
    member = redfish(spdmctl, private_bus, "chassis")

    assert member["TargetComponentURI"] == "/redfish/v1/Chassis/Tray_1"


def test_status_table(three_devices, private_bus, spdmctl):
    result = spdmctl.run("status", "--bus-address", private_bus.address)
    lines = result.stdout.splitlines()
    rows = {line.split()[0]: line.split() for line in lines[1:]}

    assert result.returncode == 0, result.stderr
    assert lines[0].split()[:6] == ["ID", "EID", "VERSION", "ALGORITHMS",
                                    "STATUS", "REASON"]
    assert sorted(rows) == ["dev11", "dev12", "devbad"]
    assert rows["dev12"][1:6] == ["9", "1.2.0",
                                  "ECDSA_ECC_NIST_P384/SHA_384",
                                  "verified", "none"]
    assert rows["devbad"][4:6] == ["failed", "signature-invalid"]
    assert rows["dev11"][2].startswith("1.1.")


def test_status_json(three_devices, private_bus, spdmctl):
    code, document, stderr = spdmctl.run_json("status", "--bus-address",
                                              private_bus.address)
    by_id = {ep["id"]: ep for ep in document["endpoints"]}
    published = three_devices["endpoints"]["dev12"]

    assert code == 0, stderr
    assert [ep["id"] for ep in document["endpoints"]] == [
        "dev11", "dev12", "devbad"]
    assert by_id["dev12"]["state"] == "verified"
    assert by_id["dev12"]["verification_status"].endswith(".Success")
    assert by_id["dev12"]["last_updated_ms"] == (
        published[COMPONENT_INTEGRITY]["LastUpdated"])
    assert by_id["dev12"]["cert_chain_digest"] == (
        published[ENDPOINT]["CertChainDigest"])
    assert by_id["devbad"]["reason"] == "signature-invalid"


def test_status_without_spdmd(private_bus, spdmctl):
    result = spdmctl.run("status", "--bus-address", private_bus.address)

    assert result.returncode == 1
    assert "failed to read spdmd's objects" in result.stderr
    assert "ServiceUnknown" in result.stderr


def test_status_without_endpoints(start_spdmd, private_bus, spdmctl):
    start_spdmd({"mctpd-discovery": "no"})

    result = spdmctl.run("status", "--bus-address", private_bus.address)
    collection = redfish(spdmctl, private_bus)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "(no endpoints published)"
    assert collection["Members"] == []
    assert collection["Members@odata.count"] == 0
    validate_collection(collection)
