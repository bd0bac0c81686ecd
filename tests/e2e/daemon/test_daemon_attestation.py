# SPDX-License-Identifier: BSD-3-Clause
"""spdmd attesting emulated devices on Unix sockets, checked through its
D-Bus objects and its log lines only."""

import base64
import datetime
import hashlib
import re
import subprocess

from daemon_bus import (ASSOCIATIONS, CERTIFICATE, CERTS_ROOT,
                        COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, MEASUREMENT_SET, ROOT,
                        STATUS_FAILED, STATUS_SUCCESS, TYPE_SPDM)
from daemon_env import (ATTEST_TIMEOUT, INVENTORY, TRUSTED_COMPONENT,
                        now_ms)


def chain_digest(identity, hash_name="sha384"):
    """Return the hex digest of the SPDM slot object of an identity's
    chain: Length, Reserved, Hash(root), then the DER certificates."""
    der = identity.chain.read_bytes()
    root = identity.anchor.read_bytes()
    root_hash = hashlib.new(hash_name, root).digest()
    length = 4 + len(root_hash) + len(der)
    slot_object = (length.to_bytes(2, "little") + b"\0\0" + root_hash
                   + der)
    return hashlib.new(hash_name, slot_object).hexdigest()


def pem_blocks(text):
    """Return the DER bytes of each certificate in a PEM string."""
    blocks = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)"
                        r"-----END CERTIFICATE-----", text, re.S)
    return [base64.b64decode("".join(block.split())) for block in blocks]


def openssl_field(der_path, option):
    """Return one field of `openssl x509` for a DER certificate."""
    output = subprocess.run(
        ["openssl", "x509", "-inform", "der", "-in", str(der_path),
         "-noout", option, "-nameopt", "RFC2253"],
        capture_output=True, text=True, check=True, timeout=10).stdout
    return output.strip().split("=", 1)[1]


def openssl_time(der_path, option):
    text = openssl_field(der_path, option)
    moment = datetime.datetime.strptime(text, "%b %d %H:%M:%S %Y %Z")
    return int(moment.replace(tzinfo=datetime.timezone.utc).timestamp())


def test_three_devices_published(three_devices):
    endpoints = three_devices["endpoints"]

    assert sorted(endpoints) == ["dev11", "dev12", "devbad"]
    for interfaces in endpoints.values():
        assert COMPONENT_INTEGRITY in interfaces
        assert IDENTITY_AUTHENTICATION in interfaces
        assert MEASUREMENT_SET in interfaces
        assert ASSOCIATIONS in interfaces
        assert ENDPOINT in interfaces


def test_verified_device_properties(three_devices):
    ep = three_devices["endpoints"]["dev12"]
    integrity = ep[COMPONENT_INTEGRITY]
    project = ep[ENDPOINT]
    link = three_devices["devices"]["dev12"].link

    assert integrity["Enabled"] is True
    assert integrity["Type"] == TYPE_SPDM
    assert integrity["TypeVersion"] == "1.2.0"
    assert three_devices["started_ms"] <= integrity["LastUpdated"]
    assert integrity["LastUpdated"] <= now_ms()
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_SUCCESS)
    assert project["Name"] == "dev12"
    assert project["Network"] == 0
    assert project["EID"] == 9
    assert project["Transport"] == "unix"
    assert project["Link"] == link
    assert project["UUID"] == ""
    assert project["State"] == "verified"
    assert project["Reason"] == "none"
    assert project["Version"] == "1.2.0"
    assert project["BaseAsymAlgo"] == "TPM_ALG_ECDSA_ECC_NIST_P384"
    assert project["BaseHashAlgo"] == "TPM_ALG_SHA_384"
    assert project["MeasurementHashAlgo"] == "TPM_ALG_SHA_384"
    assert project["Slot"] == 0
    assert project["TrustPolicy"] == "anchored"
    assert project["AttestationCount"] >= 1
    assert three_devices["started_ms"] <= project["LastAttempt"]
    assert project["LastAttempt"] <= integrity["LastUpdated"]


def test_verified_device_chain_digest(three_devices):
    project = three_devices["endpoints"]["dev12"][ENDPOINT]

    assert project["CertChainDigest"] == chain_digest(
        three_devices["identity"])


def test_verified_device_measurements(three_devices):
    blocks = three_devices["endpoints"]["dev12"][ENDPOINT]["Measurements"]

    assert len(blocks) > 0
    indices = [block[0] for block in blocks]
    assert indices == sorted(set(indices))
    for index, specification, value_type, value in blocks:
        assert 1 <= index <= 254
        assert specification == 0x01  # DMTF
        assert isinstance(value, bytes)
        assert len(value) > 0


def test_old_device_negotiates_1_1(three_devices):
    ep = three_devices["endpoints"]["dev11"]

    assert re.fullmatch(r"1\.1\.\d+", ep[COMPONENT_INTEGRITY]["TypeVersion"])
    assert ep[ENDPOINT]["Version"] == ep[COMPONENT_INTEGRITY]["TypeVersion"]
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_SUCCESS)
    assert ep[ENDPOINT]["Reason"] == "none"


def test_wrong_key_device_fails(three_devices):
    ep = three_devices["endpoints"]["devbad"]

    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_FAILED)
    assert ep[ENDPOINT]["State"] == "failed"
    assert ep[ENDPOINT]["Reason"] == "signature-invalid"
    assert ep[ENDPOINT]["Detail"] != ""
    assert ep[COMPONENT_INTEGRITY]["Type"] == TYPE_SPDM
    assert ep[COMPONENT_INTEGRITY]["TypeVersion"] == "1.2.0"
    assert ep[COMPONENT_INTEGRITY]["LastUpdated"] > 0


def test_associations(three_devices):
    associations = three_devices["endpoints"]["dev12"][ASSOCIATIONS][
        "Associations"]
    certificate = f"{CERTS_ROOT}/dev12/slot0"

    assert ("authenticating", "authenticated_by", INVENTORY) in associations
    assert ("reporting", "reported_by", TRUSTED_COMPONENT) in associations
    assert ("responder_identified_by", "identifying_responder",
            certificate) in associations


def test_associations_without_inventory(three_devices):
    associations = three_devices["endpoints"]["dev11"][ASSOCIATIONS][
        "Associations"]
    forwards = [forward for forward, _, _ in associations]

    assert "authenticating" not in forwards
    assert "reporting" not in forwards
    assert ("responder_identified_by", "identifying_responder",
            f"{CERTS_ROOT}/dev11/slot0") in associations


def test_certificate_object(three_devices, private_bus):
    identity = three_devices["identity"]
    leaf = identity.folder / "end_responder.cert.der"
    certificate = private_bus.get_all(f"{CERTS_ROOT}/dev12/slot0",
                                      CERTIFICATE)
    chain = pem_blocks(certificate["CertificateString"])

    assert len(chain) == 3
    assert chain[0] == leaf.read_bytes()
    assert chain[2] == identity.anchor.read_bytes()
    assert certificate["Subject"] == openssl_field(leaf, "-subject")
    assert certificate["Issuer"] == openssl_field(leaf, "-issuer")
    assert "DigitalSignature" in certificate["KeyUsage"]
    assert certificate["ValidNotBefore"] == openssl_time(leaf, "-startdate")
    assert certificate["ValidNotAfter"] == openssl_time(leaf, "-enddate")


def test_log_line_per_outcome(three_devices):
    daemon = three_devices["daemon"]
    passed = daemon.log_lines(r"attestation PASSED")
    failed = daemon.log_lines(r"attestation FAILED")

    assert len([line for line in passed if "dev12" in line]) == 1
    assert len([line for line in passed if "dev11" in line]) == 1
    assert len([line for line in failed if "devbad" in line]) == 1
    bad_line = [line for line in failed if "devbad" in line][0]
    assert "signature-invalid" in bad_line
    assert "EID 9" in bad_line
    good_line = [line for line in passed if "dev12" in line][0]
    assert "1.2.0" in good_line
    assert "TPM_ALG_ECDSA_ECC_NIST_P384" in good_line
    assert "TPM_ALG_SHA_384" in good_line


def test_attest_method_reattests(three_devices, private_bus):
    before = three_devices["endpoints"]["dev12"][ENDPOINT][
        "AttestationCount"]

    private_bus.attest("dev12")

    def counted():
        ep = private_bus.endpoints()["dev12"][ENDPOINT]
        return (ep["AttestationCount"] > before
                and ep["State"] == "verified")
    private_bus.wait_for(counted, ATTEST_TIMEOUT, "second attestation")


def test_ids_are_redfish_ids(three_devices, private_bus):
    for path in private_bus.managed_objects():
        if path.startswith(ROOT + "/"):
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_]*",
                                path[len(ROOT) + 1:])
