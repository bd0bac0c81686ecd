# SPDX-License-Identifier: BSD-3-Clause
"""mock_mctpd publishes what mctpd publishes, so the discovery tests
exercise spdmd against mctpd's real names and types."""

MCTP_SERVICE = "au.com.codeconstruct.MCTP1"
MCTP_ROOT = "/au/com/codeconstruct/mctp1"
LEGACY_SERVICE = "xyz.openbmc_project.MCTP"
LEGACY_ROOT = "/xyz/openbmc_project/mctp"
MCTP_ENDPOINT = "xyz.openbmc_project.MCTP.Endpoint"
MCTP_UUID = "xyz.openbmc_project.Common.UUID"

CONTROL = 0x00
SPDM = 0x05
UUID = "8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7"


def test_mock_mctpd_tree(start_mctpd, private_bus):
    mctpd = start_mctpd()
    path = mctpd.add(1, 10, [CONTROL, SPDM], UUID)

    objects = private_bus.managed_objects(MCTP_SERVICE, MCTP_ROOT)

    assert path == f"{MCTP_ROOT}/networks/1/endpoints/10"
    assert objects[path][MCTP_ENDPOINT] == {
        "NetworkId": 1, "EID": 10,
        "SupportedMessageTypes": bytes([CONTROL, SPDM]),
        "VendorDefinedMessageTypes": []}
    assert objects[path][MCTP_UUID] == {"UUID": UUID}
    local = objects[f"{MCTP_ROOT}/networks/1/endpoints/8"]
    assert local[MCTP_ENDPOINT]["SupportedMessageTypes"] == bytes([CONTROL])


def test_mock_mctpd_legacy_tree(start_mctpd, private_bus):
    mctpd = start_mctpd(legacy=True)
    path = mctpd.add(1, 10, [CONTROL, SPDM])

    objects = private_bus.managed_objects(LEGACY_SERVICE, LEGACY_ROOT)

    assert path == f"{LEGACY_ROOT}/1/10"
    assert objects[path][MCTP_ENDPOINT]["EID"] == 10


def test_mock_mctpd_removal(start_mctpd, private_bus):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [CONTROL, SPDM])

    mctpd.remove(1, 10)

    objects = private_bus.managed_objects(MCTP_SERVICE, MCTP_ROOT)
    assert sorted(objects) == [f"{MCTP_ROOT}/networks/1/endpoints/8"]


def test_mock_mctpd_rejects_duplicate(start_mctpd):
    mctpd = start_mctpd()
    mctpd.add(1, 10, [SPDM])

    assert mctpd.command_result("add 1 10 0x05").startswith("error")
