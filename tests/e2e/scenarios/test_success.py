# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of devices that do everything right: each SPDM version, each
signature algorithm, long chains in small portions and chunked
responses all end in Success."""

import base64
import hashlib
import json
import re

import pytest

from daemon_bus import (ASSOCIATIONS, CERTIFICATE, CERTS_ROOT,
                        COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, MEASUREMENT_SET,
                        STATUS_SUCCESS, TYPE_SPDM)
from daemon_env import INVENTORY, TRUSTED_COMPONENT, EndpointConfig, now_ms

from .scenario_env import (DATA, expect_outcome, openssl_public_key,
                           received_requests, type_version)

P384_SHA384 = {"asym": "ECDSA_P384", "hash": "SHA_384",
               "extra": ["--measurement-hash", "SHA_384"]}
GPU_MEASUREMENTS = DATA / "gpu.measurements"
DMTF_SPECIFICATION = 0x01
# DMTFSpecMeasurementValueType bit 7: the value is a raw bit stream.
RAW_BIT_STREAM = 0x80


def slot_digest(identity, hash_name):
    """Return the hex digest of an identity's SPDM certificate chain
    object: Length, Reserved, Hash(root certificate), the DER chain."""
    der = identity.chain.read_bytes()
    root_hash = hashlib.new(hash_name, identity.anchor.read_bytes()).digest()
    length = 4 + len(root_hash) + len(der)
    chain_object = (length.to_bytes(2, "little") + b"\0\0" + root_hash
                    + der)
    return hashlib.new(hash_name, chain_object).hexdigest()


def expected_blocks(path, hash_name):
    """Return the published form of a measurement file's blocks:
    (index, MeasurementSpecification, DMTF value type, value)."""
    blocks = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        index, value_type, form, data = line.split(None, 3)
        kind, _, text = data.partition(":")
        value = text.encode() if kind == "text" else bytes.fromhex(text)
        value_type = int(value_type, 0)
        if form == "digest":
            value = hashlib.new(hash_name, value).digest()
        else:
            value_type |= RAW_BIT_STREAM
        blocks.append((int(index, 0), DMTF_SPECIFICATION, value_type,
                       value))
    return sorted(blocks)


def pem_certificates(text):
    blocks = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)"
                        r"-----END CERTIFICATE-----", text, re.S)
    return [base64.b64decode("".join(block.split())) for block in blocks]


@pytest.fixture
def gpu_on_1_2(p384, device, spdmd, private_bus):
    """A verified SPDM 1.2 P-384 device with inventory associations."""
    gpu = device(p384, measurements=GPU_MEASUREMENTS, **P384_SHA384)
    started_ms = now_ms()
    daemon = spdmd(p384.anchor, [EndpointConfig(
        "GPU_0", gpu.link, eid=9, inventory=INVENTORY,
        trusted_component=TRUSTED_COMPONENT)])
    interfaces = expect_outcome(private_bus, daemon, "GPU_0", "Success",
                                "none")
    return {"interfaces": interfaces, "daemon": daemon, "device": gpu,
            "started_ms": started_ms}


def test_p384_on_1_2_component_integrity(gpu_on_1_2):
    integrity = gpu_on_1_2["interfaces"][COMPONENT_INTEGRITY]

    assert integrity["Enabled"] is True
    assert integrity["Type"] == TYPE_SPDM
    assert integrity["TypeVersion"] == "1.2.0"
    assert integrity["LastUpdated"] >= gpu_on_1_2["started_ms"]
    assert integrity["LastUpdated"] <= now_ms()


def test_p384_on_1_2_project_properties(gpu_on_1_2, p384):
    interfaces = gpu_on_1_2["interfaces"]
    project = interfaces[ENDPOINT]

    assert (interfaces[IDENTITY_AUTHENTICATION]
            ["ResponderVerificationStatus"] == STATUS_SUCCESS)
    assert project["Name"] == "GPU_0"
    assert project["Network"] == 0
    assert project["EID"] == 9
    assert project["Transport"] == "unix"
    assert project["Link"] == gpu_on_1_2["device"].link
    assert project["UUID"] == ""
    assert project["State"] == "verified"
    assert project["Reason"] == "none"
    assert project["Version"] == "1.2.0"
    assert project["BaseAsymAlgo"] == "TPM_ALG_ECDSA_ECC_NIST_P384"
    assert project["BaseHashAlgo"] == "TPM_ALG_SHA_384"
    assert project["MeasurementHashAlgo"] == "TPM_ALG_SHA_384"
    assert project["Slot"] == 0
    assert project["CertChainDigest"] == slot_digest(p384, "sha384")
    assert project["TrustPolicy"] == "anchored"
    assert project["AttestationCount"] == 1
    assert project["LastAttempt"] >= gpu_on_1_2["started_ms"]
    assert (project["LastAttempt"]
            <= interfaces[COMPONENT_INTEGRITY]["LastUpdated"])


def test_p384_on_1_2_measurements(gpu_on_1_2):
    project = gpu_on_1_2["interfaces"][ENDPOINT]

    assert sorted(project["Measurements"]) == expected_blocks(
        GPU_MEASUREMENTS, "sha384")


def test_p384_on_1_2_associations(gpu_on_1_2):
    associations = gpu_on_1_2["interfaces"][ASSOCIATIONS]["Associations"]

    assert ("authenticating", "authenticated_by", INVENTORY) in associations
    assert ("reporting", "reported_by", TRUSTED_COMPONENT) in associations
    assert ("responder_identified_by", "identifying_responder",
            f"{CERTS_ROOT}/GPU_0/slot0") in associations


def test_p384_on_1_2_certificate(gpu_on_1_2, p384, private_bus):
    certificate = private_bus.get_all(f"{CERTS_ROOT}/GPU_0/slot0",
                                      CERTIFICATE)
    chain = pem_certificates(certificate["CertificateString"])

    assert len(chain) == 3
    assert chain[0] == (p384.folder / "end_responder.cert.der").read_bytes()
    assert chain[1] == (p384.folder / "inter.cert.der").read_bytes()
    assert chain[2] == p384.anchor.read_bytes()
    assert "DigitalSignature" in certificate["KeyUsage"]
    assert certificate["ValidNotBefore"] < certificate["ValidNotAfter"]


def test_p384_on_1_2_signed_measurements(gpu_on_1_2, p384, private_bus):
    assert MEASUREMENT_SET in gpu_on_1_2["interfaces"]

    reply = private_bus.get_signed_measurements("GPU_0", [], "", 0)

    assert reply["Version"] == "1.2"
    assert reply["SigningAlgorithm"] == "TPM_ALG_ECDSA_ECC_NIST_P384"
    assert reply["HashingAlgorithm"] == "TPM_ALG_SHA_384"
    assert reply["Certificate"] == f"{CERTS_ROOT}/GPU_0/slot0"
    assert reply["PublicKey"] == openssl_public_key(
        p384.folder / "end_responder.cert.der")


def test_p384_on_1_2_log_line(gpu_on_1_2):
    lines = gpu_on_1_2["daemon"].log_lines(r"GPU_0 .*attestation PASSED")

    assert len(lines) == 1
    assert "EID 9" in lines[0]
    assert "SPDM 1.2.0" in lines[0]
    assert "TPM_ALG_ECDSA_ECC_NIST_P384" in lines[0]
    assert "TPM_ALG_SHA_384" in lines[0]
    assert not gpu_on_1_2["daemon"].log_lines(r"attestation FAILED")


def test_p384_on_1_2_full_flow(gpu_on_1_2):
    requests = received_requests(gpu_on_1_2["device"])

    assert requests[:3] == ["GET_VERSION", "GET_CAPABILITIES",
                            "NEGOTIATE_ALGORITHMS"]
    assert "GET_DIGESTS" in requests
    assert "GET_CERTIFICATE" in requests
    assert "CHALLENGE" in requests
    assert requests[-1] == "GET_MEASUREMENTS"


@pytest.mark.parametrize("versions, pattern", [
    ("1.1", r"1\.1\.\d+"),
    ("1.0", r"1\.0\.\d+"),
], ids=["1.1-only", "1.0-only"])
def test_older_version_only_device_succeeds(versions, pattern, p384, device,
                                           spdmd, private_bus):
    old = device(p384, versions=versions)
    daemon = spdmd(p384.anchor, {"old": old})

    interfaces = expect_outcome(private_bus, daemon, "old", "Success",
                                "none")

    assert re.fullmatch(pattern, type_version(interfaces))
    assert interfaces[ENDPOINT]["Version"] == type_version(interfaces)
    assert received_requests(old)[0] == "GET_VERSION"
    assert "CHALLENGE" in received_requests(old)


# (test id, gen-test-pki.sh algorithm, --asym, published BaseAsymAlgo)
ALGORITHMS = [
    ("p256", "ecp256", "ECDSA_P256", "TPM_ALG_ECDSA_ECC_NIST_P256"),
    ("rsa3072-ssa", "rsa3072", "RSASSA_3072", "TPM_ALG_RSASSA_3072"),
    ("rsa3072-pss", "rsa3072", "RSAPSS_3072", "TPM_ALG_RSAPSS_3072"),
    ("p521", "ecp521", "ECDSA_P521", "TPM_ALG_ECDSA_ECC_NIST_P521"),
    ("ed25519", "ed25519", "EDDSA_ED25519", "EdDSA ed25519"),
]


@pytest.mark.parametrize(
    "algorithm, asym, published",
    [pytest.param(a, s, p, id=name) for name, a, s, p in ALGORITHMS])
def test_signature_algorithm_succeeds(algorithm, asym, published, pki,
                                      device, spdmd, private_bus):
    identity = pki.identity(algorithm)
    dev = device(identity, asym=asym)
    daemon = spdmd(identity.anchor, {"dev": dev})

    interfaces = expect_outcome(private_bus, daemon, "dev", "Success",
                                "none")

    assert interfaces[ENDPOINT]["BaseAsymAlgo"] == published
    assert type_version(interfaces) == "1.2.0"
    lines = daemon.log_lines(r"dev .*attestation PASSED")
    assert published in lines[-1]


def test_long_chain_in_16_byte_portions(p384, device, spdmd, private_bus):
    long_chain = p384.with_chain("long")
    assert long_chain.chain.stat().st_size > 4096
    dev = device(long_chain, faults=["cert-portion=16"])
    daemon = spdmd(p384.anchor, {"dev": dev})

    expect_outcome(private_bus, daemon, "dev", "Success", "none")

    portions = received_requests(dev).count("GET_CERTIFICATE")
    # The SPDM chain object adds a 4-byte header and the root hash.
    assert portions >= long_chain.chain.stat().st_size // 16
    certificate = private_bus.get_all(f"{CERTS_ROOT}/dev/slot0",
                                      CERTIFICATE)
    assert len(pem_certificates(certificate["CertificateString"])) == 5


def test_chunked_responses_on_1_2(p384, device, spdmd, private_bus):
    dev = device(p384, faults=["chunk=64"])
    daemon = spdmd(p384.anchor, {"dev": dev})

    interfaces = expect_outcome(private_bus, daemon, "dev", "Success",
                                "none")

    assert type_version(interfaces) == "1.2.0"
    assert "CHUNK_GET" in received_requests(dev)


def test_p384_on_1_2_redfish_view(gpu_on_1_2, private_bus, spdmctl):
    result = spdmctl.run("redfish", "GPU_0", "--bus-address",
                         private_bus.address)
    assert result.returncode == 0, result.stdout + result.stderr
    member = json.loads(result.stdout)
    spdm = member["SPDM"]

    assert member["Id"] == "GPU_0"
    assert member["ComponentIntegrityEnabled"] is True
    assert member["ComponentIntegrityType"] == "SPDM"
    assert member["ComponentIntegrityTypeVersion"] == "1.2.0"
    assert member["TargetComponentURI"] == "/redfish/v1/Chassis/GPU_0"
    assert spdm["Requester"]["@odata.id"] == "/redfish/v1/Managers/bmc"
    assert (spdm["IdentityAuthentication"]["ResponderAuthentication"]
            ["VerificationStatus"] == "Success")
