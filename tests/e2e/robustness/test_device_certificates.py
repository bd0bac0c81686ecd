# SPDX-License-Identifier: BSD-3-Clause
"""Certificates a device chooses freely, published on D-Bus whether they
are trusted or not: names with quotes, backslashes, control characters
and right-to-left marks, and validity dates outside the Unix epoch. spdmd
must publish them as valid D-Bus values that keep their meaning."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from daemon_bus import CERTIFICATE, CERTS_ROOT
from daemon_env import ATTEST_TIMEOUT, EndpointConfig

# DMTF OID of the SPDM responder role (id-DMTF-eku-responder-auth).
SPDM_RESPONDER_EKU = x509.ObjectIdentifier("1.3.6.1.4.1.412.274.3")
ROOT_NAME = "robustness test root"
# A common name with a quote, a backslash, a control character, an escape
# sequence that would colour a terminal, a newline and a right-to-left
# override.
HOSTILE_NAME = 'a"b\\c\x01\x1b[31mred\nline \u202e'
FAR_FUTURE = datetime.datetime(9999, 12, 31, 23, 59, 59)
BEFORE_EPOCH = datetime.datetime(1950, 1, 1)
# 9999-12-31T23:59:59Z in seconds since the Unix epoch.
FAR_FUTURE_SECONDS = 253402300799


def name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_identity(folder, leaf_name, not_before, not_after):
    """Write a root and a leaf signed by it, in the files spdm-responder
    and spdmd take; return an object with chain, key and anchor paths."""
    root_key = ec.generate_private_key(ec.SECP384R1())
    root = (x509.CertificateBuilder()
            .subject_name(name(ROOT_NAME)).issuer_name(name(ROOT_NAME))
            .public_key(root_key.public_key()).serial_number(1)
            .not_valid_before(datetime.datetime(2024, 1, 1))
            .not_valid_after(FAR_FUTURE)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None),
                           critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False,
                                         True, True, False, False),
                           critical=False)
            .sign(root_key, hashes.SHA384()))
    leaf_key = ec.generate_private_key(ec.SECP384R1())
    leaf = (x509.CertificateBuilder()
            .subject_name(name(leaf_name)).issuer_name(name(ROOT_NAME))
            .public_key(leaf_key.public_key()).serial_number(2)
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None),
                           critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False,
                                         False, False, False, False),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, SPDM_RESPONDER_EKU]),
                critical=False)
            .sign(root_key, hashes.SHA384()))
    der = serialization.Encoding.DER
    anchor = folder / "root.der"
    anchor.write_bytes(root.public_bytes(der))
    chain = folder / "chain.der"
    chain.write_bytes(root.public_bytes(der) + leaf.public_bytes(der))
    key = folder / "leaf.key"
    key.write_bytes(leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))

    class Identity:
        pass

    identity = Identity()
    identity.chain, identity.key, identity.anchor = chain, key, anchor
    return identity


@pytest.fixture
def attested_certificate(tmp_path, unix_device, start_spdmd, private_bus):
    """Attest a device with a leaf made by make_identity; return the
    properties of its slot 0 certificate object."""
    def attest(leaf_name, not_before, not_after):
        identity = make_identity(tmp_path, leaf_name, not_before, not_after)
        device = unix_device(identity, asym="ECDSA_P384", hash="SHA_384")
        start_spdmd({"trust-anchor": identity.anchor},
                    [EndpointConfig("dev", device.link)])
        private_bus.wait_for_state("dev", "verified", ATTEST_TIMEOUT)
        return private_bus.get_all(f"{CERTS_ROOT}/dev/slot0", CERTIFICATE)

    return attest


def test_hostile_subject_escaped(attested_certificate):
    properties = attested_certificate(HOSTILE_NAME,
                                      datetime.datetime(2024, 1, 1),
                                      FAR_FUTURE)

    subject = properties["Subject"]
    assert subject.isascii()
    assert subject.isprintable()
    assert subject.startswith("CN=a\\\"b\\\\c")
    assert properties["Issuer"] == f"CN={ROOT_NAME}"


def test_validity_outside_epoch(attested_certificate):
    properties = attested_certificate("dates", BEFORE_EPOCH, FAR_FUTURE)

    # Seconds since the epoch cannot go below it: 1950 is published as 0.
    assert properties["ValidNotBefore"] == 0
    assert properties["ValidNotAfter"] == FAR_FUTURE_SECONDS
