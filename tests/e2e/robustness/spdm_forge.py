# SPDX-License-Identifier: BSD-3-Clause
"""Signatures a hostile device makes with its own key over messages it
changed, so a test can send a MEASUREMENTS whose signature verifies but
whose contents lie.

Only ECDSA P-384 with SHA-384 is needed here. DSP0274 1.1 signs L1/L2 (the
measurement exchanges) directly; 1.2 signs the signing prefix, the context
string and Hash(VCA || L1/L2) (DSP0274 1.2 section 15, signature
generation). An ECDSA signature on the wire is r || s, 48 bytes each.
"""

import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

# SPDM request and response codes (DSP0274 1.2 tables 4 and 5).
GET_VERSION = 0x84
GET_CAPABILITIES = 0xE1
NEGOTIATE_ALGORITHMS = 0xE3
GET_MEASUREMENTS = 0xE0
MEASUREMENTS = 0x60
CHALLENGE = 0x83
VCA_REQUESTS = (GET_VERSION, GET_CAPABILITIES, NEGOTIATE_ALGORITHMS)

P384_COMPONENT_SIZE = 48
SIGNATURE_SIZE = 2 * P384_COMPONENT_SIZE
NONCE_SIZE = 32
MEASUREMENTS_CONTEXT = b"responder-measurements signing"
# DSP0274 1.2: 64 bytes of prefix and 36 of zero padding and context.
CONTEXT_FIELD_SIZE = 36


def load_key(path):
    return serialization.load_pem_private_key(path.read_bytes(), None)


def signing_input(version, vca, l1l2, context):
    """Return what the device signs over, for SPDMVersion version."""
    if version < 0x12:
        return vca[:0] + l1l2
    major, minor = version >> 4, version & 0x0F
    prefix = f"dmtf-spdm-v{major}.{minor}.*".encode() * 4
    padding = bytes(CONTEXT_FIELD_SIZE - len(context))
    return prefix + padding + context + hashlib.sha384(vca + l1l2).digest()


def sign(key, data):
    """Return the raw r || s ECDSA P-384 signature of data."""
    der = key.sign(data, ec.ECDSA(hashes.SHA384()))
    r, s = utils.decode_dss_signature(der)
    return (r.to_bytes(P384_COMPONENT_SIZE, "big")
            + s.to_bytes(P384_COMPONENT_SIZE, "big"))


def measurements_fields(response):
    """Return (number_of_blocks, record_start, record_length) of a
    MEASUREMENTS response."""
    record_length = int.from_bytes(response[5:8], "little")
    return response[4], 8, record_length


class VcaRecorder:
    """Keeps the VCA messages of the connection, as transcript A."""

    def __init__(self):
        self.messages = b""

    def record(self, request, response):
        if request[1] == GET_VERSION:
            self.messages = b""
        if request[1] in VCA_REQUESTS:
            self.messages += request + response


def resign_measurements(key, vca, request, unsigned_response):
    """Return unsigned_response with a fresh signature appended, made
    as the device would over the request and this response."""
    version = unsigned_response[0]
    data = signing_input(version, vca, request + unsigned_response,
                         MEASUREMENTS_CONTEXT)
    return unsigned_response + sign(key, data)
