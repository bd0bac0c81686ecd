#!/usr/bin/env python3
"""Write the committed seed corpus of every fuzz harness.

The seeds are the golden messages of the unit tests (written out from
the DSP0274 layouts) and small inputs of the other parsers. Seeds made
from the DMTF sample keys and recorded conversations are not kept here:
fuzz_seeds generates them at fuzz time. Run this script from its folder
after a change of an input format; it rewrites the seeds it writes and
leaves files of other origin (such as minimised crash inputs) alone.
"""

import os
import subprocess
import tempfile

ZEROES_12 = "00 " * 12

# SPDM messages per version: (request, response), hex.
VCA = {
    0x10: [
        ("10 84 00 00", "10 04 00 00 00 01 00 10"),
        ("10 e1 00 00", "10 61 00 00 00 0c 00 00 36 00 00 00"),
        ("10 e3 00 00 20 00 01 00 ff 01 00 00 07 00 00 00 " + ZEROES_12
         + "00 00 00 00",
         "10 63 00 00 24 00 01 00 04 00 00 00 80 00 00 00 02 00 00 00 "
         + ZEROES_12 + "00 00 00 00"),
    ],
    0x11: [
        ("10 84 00 00", "10 04 00 00 00 01 00 11"),
        ("11 e1 00 00 00 00 00 00 00 00 00 00",
         "11 61 00 00 00 0c 00 00 36 00 00 00"),
        ("11 e3 00 00 20 00 01 00 ff 01 00 00 07 00 00 00 " + ZEROES_12
         + "00 00 00 00",
         "11 63 00 00 24 00 01 00 04 00 00 00 80 00 00 00 02 00 00 00 "
         + ZEROES_12 + "00 00 00 00"),
    ],
    0x12: [
        ("10 84 00 00", "10 04 00 00 00 01 00 12"),
        ("12 e1 00 00 00 00 00 00 00 00 02 00 00 10 00 00 00 00 01 00",
         "12 61 00 00 00 0c 00 00 36 00 00 00 00 12 00 00 00 12 00 00"),
        ("12 e3 00 00 20 00 01 02 ff 05 00 00 07 00 00 00 " + ZEROES_12
         + "00 00 00 00",
         "12 63 00 00 24 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00 "
         + ZEROES_12 + "00 00 00 00"),
    ],
}

# Requester selector bits 1:0 for one version (fuzz_requester_config.h).
VERSION_SELECTOR = {0x10: 0x01, 0x11: 0x02, 0x12: 0x03}
NONCE = "11 " * 32
DIGEST_48 = "aa " * 48


def hexbytes(text):
    return bytes.fromhex(text.replace(" ", ""))


def record(message):
    return len(message).to_bytes(2, "little") + message


def write(harness, name, data):
    os.makedirs(harness, exist_ok=True)
    with open(os.path.join(harness, name), "wb") as seed:
        seed.write(data)


def after_vca(version):
    """Requests and responses that follow VCA, for one version."""
    v = "%02x" % version
    # One block: index 1, DMTF, firmware version "1.2." (4 bytes).
    measurements = (v + " 60 00 00 01 0b 00 00 "
                    "01 01 07 00 06 04 00 31 2e 32 2e " + NONCE + "00 00")
    return [
        (v + " 81 00 00", v + " 01 00 01 " + DIGEST_48),
        (v + " 82 00 00 00 00 00 04", v + " 02 00 00 04 00 10 00 "
         "40 10 00 00"),
        (v + " e0 00 ff", measurements),
    ]


def requester_seeds():
    for version, pairs in VCA.items():
        selector = VERSION_SELECTOR[version]
        responses = [hexbytes(r) for _, r in pairs]
        write("requester", "vca-%02x" % version,
              bytes([selector]) + b"".join(record(r) for r in responses))
        more = [hexbytes(r) for _, r in after_vca(version)]
        write("requester", "vca-digests-%02x" % version,
              bytes([selector | 0x10])
              + b"".join(record(r) for r in responses + more))
        busy = hexbytes("%02x 7f 03 00" % version)
        write("requester", "busy-%02x" % version,
              bytes([selector]) + record(responses[0]) + record(busy)
              + record(busy) + b"".join(record(r) for r in responses[1:]))
    not_ready = hexbytes("12 7f 42 00 01 e1 05 02")
    write("requester", "not-ready-12", bytes([0x03])
          + record(hexbytes(VCA[0x12][0][1])) + record(not_ready)
          + b"".join(record(hexbytes(r)) for _, r in VCA[0x12][1:]))
    write("requester", "timeout", bytes([0x00]) + b"\xff\xff")


def responder_seeds():
    for version, pairs in VCA.items():
        v = "%02x" % version
        requests = [hexbytes(q) for q, _ in pairs]
        requests += [hexbytes(q) for q, _ in after_vca(version)]
        requests.append(hexbytes(v + " 83 00 00 " + NONCE))
        signed = v + " e0 01 ff " + NONCE + ("00" if version > 0x10 else "")
        requests.append(hexbytes(signed.strip()))
        write("responder", "flow-%02x" % version,
              bytes([0x01]) + b"".join(record(q) for q in requests))
    write("responder", "respond-if-ready",
          bytes([0x20]) + record(hexbytes("10 84 00 00"))
          + record(hexbytes("12 ff 81 01")))


def codec_seeds():
    # Selector bits 4:0 pick the decoder (fuzz_selectors.h), 7:5 sizes:
    # 1 is SHA-384 with ECDSA P-384.
    decoders = {0x04: 0, 0xe1: 1, 0x61: 2, 0xe3: 3, 0x63: 4, 0x01: 5,
                0x02: 6, 0x60: 9, 0x7f: 10}
    for version, pairs in VCA.items():
        for request, response in pairs + after_vca(version):
            for message in (hexbytes(request), hexbytes(response)):
                decoder = decoders.get(message[1], 11)
                write("codecs", "%02x-%02x" % (version, message[1]),
                      bytes([decoder | 1 << 5]) + message)
    write("codecs", "error-not-ready",
          bytes([10]) + hexbytes("12 7f 42 00 01 e1 05 02"))
    write("codecs", "chunk-response",
          bytes([10]) + hexbytes("12 06 01 07 00 00 00 00 04 00 00 00 "
                                 "04 00 00 00 12 01 00 00"))


def measurement_seeds():
    for version in VCA:
        response = hexbytes(after_vca(version)[2][1])
        write("measurements", "unsigned-%02x" % version,
              bytes([0]) + response)
    record_only = hexbytes("01 01 07 00 06 04 00 31 2e 32 2e "
                           "fe 01 07 00 85 04 00 00 00 00 00")
    write("measurements", "record", bytes([0x08]) + record_only)


def cert_chain_seeds():
    """A root and a leaf of our own, P-256, as DER (build mode)."""
    with tempfile.TemporaryDirectory() as tmp:
        def openssl(*args):
            subprocess.run(["openssl", *args], cwd=tmp, check=True,
                           capture_output=True)
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout",
                "-out", "root.key")
        openssl("req", "-x509", "-new", "-key", "root.key", "-subj",
                "/CN=fuzz root", "-days", "36500", "-outform", "DER",
                "-out", "root.der", "-addext",
                "basicConstraints=critical,CA:TRUE")
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout",
                "-out", "leaf.key")
        openssl("req", "-new", "-key", "leaf.key", "-subj",
                "/CN=fuzz leaf", "-out", "leaf.csr")
        with open(os.path.join(tmp, "ext"), "w") as ext:
            ext.write("basicConstraints=CA:FALSE\n"
                      "keyUsage=digitalSignature\n")
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "root.der",
                "-CAform", "DER", "-CAkey", "root.key", "-days", "36500",
                "-set_serial", "2", "-extfile", "ext", "-outform", "DER",
                "-out", "leaf.der")
        der = b""
        for name in ("root.der", "leaf.der"):
            with open(os.path.join(tmp, name), "rb") as cert:
                der += cert.read()
    # Selector: build (0x80), SHA-384 (1), ECDSA P-256 (index 0).
    write("cert_chain", "p256-build", bytes([0x81]) + der)
    header = (4 + 48 + len(der)).to_bytes(2, "little") + b"\0\0"
    write("cert_chain", "p256-slot-object",
          bytes([0x01]) + header + b"\xaa" * 48 + der)


def conversation_seeds():
    lines = ["# version: 1.2", ""]
    for request, response in VCA[0x12]:
        lines.append("> " + request)
        lines.append("< " + response)
    text = "\n".join(lines) + "\n"
    write("conversation", "vca-12", b"\x00" + text.encode())
    write("conversation", "vca-12-small-caps", b"\x01" + text.encode())


def fcs(data):
    value = 0xffff
    for byte in data:
        value ^= byte
        for _ in range(8):
            value = (value >> 1) ^ 0x8408 if value & 1 else value >> 1
    return value


def serial_frame(packet):
    body = bytes([0x01, len(packet)])
    escaped = bytearray()
    for byte in packet:
        if byte in (0x7e, 0x7d):
            escaped += bytes([0x7d, byte ^ 0x20])
        else:
            escaped.append(byte)
    value = fcs(body + packet)
    return (b"\x7e" + body + bytes(escaped)
            + bytes([value >> 8, value & 0xff]) + b"\x7e")


def mctp_packet(som, eom, sequence, payload, tag=0, owner=True):
    flags = (som << 7) | (eom << 6) | (sequence << 4) | (owner << 3) | tag
    return bytes([0x01, 0x08, 0x09, flags]) + payload


def mctp_seeds():
    single = mctp_packet(1, 1, 0, b"\x05" + hexbytes("10 84 00 00"))
    write("mctp_serial", "get-version", serial_frame(single))
    write("mctp_serial", "escaped",
          serial_frame(mctp_packet(1, 1, 0, b"\x05\x7e\x7d\x10")))
    write("mctp_serial", "noise", b"\x00\x7e" + serial_frame(single))
    message = b"\x05" + bytes(range(150))
    packets = [mctp_packet(1, 0, 0, message[0:64]),
               mctp_packet(0, 0, 1, message[64:128]),
               mctp_packet(0, 1, 2, message[128:])]
    write("mctp_reassembly", "single", b"\x00" + bytes([len(single)])
          + single)
    write("mctp_reassembly", "three-packets", b"\x00" + b"".join(
        bytes([len(packet)]) + packet for packet in packets))
    write("mctp_reassembly", "small-cap", b"\x01" + b"".join(
        bytes([len(packet)]) + packet for packet in packets))
    payload = b"\x05" + hexbytes("10 84 00 00")
    normal = ((1).to_bytes(4, "big") + (1).to_bytes(4, "big")
              + len(payload).to_bytes(4, "big") + payload)
    hello = ((0xdead).to_bytes(4, "big") + (1).to_bytes(4, "big")
             + (0).to_bytes(4, "big"))
    write("mctp_emu", "hello-normal", b"\x03" + hello + normal)


def daemon_seeds():
    global_section = ("[global]\ntrust-policy = anchored\n"
                      "reattest-interval = 3600\nmax-concurrent = 8\n"
                      "versions = 1.0,1.1,1.2\nmeasurements = yes\n"
                      "mctpd-discovery = yes\n")
    write("daemon_config", "global", global_section.encode())
    endpoint = ("[endpoint GPU_0]\nlink = serial:/dev/ttyS2\neid = 9\n"
                "inventory = /xyz/openbmc_project/inventory/system/"
                "chassis/GPU_0\n")
    write("daemon_config", "endpoint", (global_section + endpoint).encode())
    write("daemon_config", "emu", b"[global]\ntrust-policy = tofu\n"
          b"[endpoint dev]\nlink = emu:127.0.0.1:2323\nslot = 1\n")

    def args(indices, slot, nonce):
        data = len(indices).to_bytes(2, "little")
        for index in indices:
            data += index.to_bytes(2, "little")
        return data + slot.to_bytes(2, "little") + nonce.encode()

    write("measurement_args", "all-fresh", args([], 0, ""))
    write("measurement_args", "indices-nonce",
          args([1, 2, 16], 1, "ab" * 32))
    write("measurement_args", "all-255", args([255], 7, "00" * 32))


def main():
    requester_seeds()
    responder_seeds()
    codec_seeds()
    measurement_seeds()
    cert_chain_seeds()
    conversation_seeds()
    mctp_seeds()
    daemon_seeds()


if __name__ == "__main__":
    main()
