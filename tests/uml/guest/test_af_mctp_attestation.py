# SPDX-License-Identifier: BSD-3-Clause
"""spdmd attests devices behind MCTP serial links over AF_MCTP, inside
the User-mode Linux guest, with the kernel's MCTP stack in between."""

from daemon_bus import ENDPOINT, IDENTITY_AUTHENTICATION, STATUS_FAILED, \
    STATUS_SUCCESS

from conftest import publish

# Seconds the attestations of one scenario may take together.
ATTEST_TIMEOUT = 30


def test_two_devices_attested_concurrently(plug_device, mctpd, guest_spdmd,
                                            private_bus):
    first = plug_device(20, 8)
    second = plug_device(21, 9)
    publish(mctpd, first)
    publish(mctpd, second)
    guest_spdmd()

    results = {}
    for device in (first, second):
        results[device.eid] = private_bus.wait_for_state(
            device.endpoint_id, "verified", ATTEST_TIMEOUT)
    for eid, interfaces in results.items():
        project = interfaces[ENDPOINT]
        assert interfaces[IDENTITY_AUTHENTICATION][
            "ResponderVerificationStatus"] == STATUS_SUCCESS
        assert project["Transport"] == "af-mctp"
        assert project["Link"] == "mctp:1"
        assert project["Network"] == 1
        assert project["EID"] == eid
        assert project["Reason"] == "none"
    # Both attestations ran at once: each started before the other ended.
    first_project = results[20][ENDPOINT]
    second_project = results[21][ENDPOINT]
    first_updated = results[20][
        "xyz.openbmc_project.Attestation.ComponentIntegrity"]["LastUpdated"]
    second_updated = results[21][
        "xyz.openbmc_project.Attestation.ComponentIntegrity"]["LastUpdated"]
    assert first_project["LastAttempt"] < second_updated
    assert second_project["LastAttempt"] < first_updated


def test_wrong_key_fails_only_that_device(plug_device, mctpd, guest_spdmd,
                                          private_bus):
    good = plug_device(20, 8)
    forged = plug_device(21, 9, faults=["wrong-key"])
    publish(mctpd, good)
    publish(mctpd, forged)
    guest_spdmd()

    verified = private_bus.wait_for_state(good.endpoint_id, "verified",
                                          ATTEST_TIMEOUT)
    failed = private_bus.wait_for_state(forged.endpoint_id, "failed",
                                        ATTEST_TIMEOUT)
    assert verified[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_SUCCESS
    assert failed[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"] == STATUS_FAILED
    assert failed[ENDPOINT]["Reason"] == "signature-invalid"
