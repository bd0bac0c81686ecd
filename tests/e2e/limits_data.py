"""Device data at the caps of docs/limits.md, made at test time: the
largest certificate chain a slot holds and the most measurement blocks
spdm-responder serves."""

import subprocess
from pathlib import Path

# Certificates in the chain: SPDM_MAX_CHAIN_CERTS.
CHAIN_CERTS = 16
# The slot object is Length(2) Reserved(2) RootHash(up to 64) and the
# DER, at most 0xffff bytes: the DER may take 65467 bytes with SHA-512.
MAX_CHAIN_DER = 0xffff - 4 - 64
# Blocks spdm-responder serves at most (SPDM_RESPONDER_MAX_MEASUREMENTS),
# and its cap on all blocks together (header, digest room and data).
MAX_BLOCKS = 64
MAX_RECORD = 60000


class ChainIdentity:
    """A generated chain: DER bundle, leaf key and trust anchor."""

    def __init__(self, chain, key, anchor):
        self.chain = chain
        self.key = key
        self.anchor = anchor


def _openssl(folder, *args):
    subprocess.run(["openssl", *args], cwd=folder, check=True,
                   capture_output=True, timeout=60)


def _extensions(folder, name, ca, padding):
    """Write an extension section; padding bytes go in a private OID."""
    usage = "keyCertSign, cRLSign" if ca else "digitalSignature"
    text = (f"[{name}]\n"
            f"basicConstraints = critical, CA:{'TRUE' if ca else 'FALSE'}\n"
            f"keyUsage = critical, {usage}\n"
            f"1.3.6.1.4.1.55555.1 = ASN1:UTF8String:{'x' * padding}\n")
    path = folder / f"{name}.cnf"
    path.write_text(text)
    return path


def _certificate(folder, index, padding):
    """Make certificate index (0 the root) signed by index - 1."""
    key = f"key{index}.pem"
    ca = index < CHAIN_CERTS - 1
    name = f"cert{index}"
    ext = _extensions(folder, name, ca, padding)
    _openssl(folder, "ecparam", "-name", "secp384r1", "-genkey", "-noout",
             "-out", key)
    subject = f"/CN=limits {'root' if index == 0 else name}"
    if index == 0:
        _openssl(folder, "req", "-x509", "-new", "-key", key, "-subj",
                 subject, "-days", "3650", "-config", ext, "-extensions",
                 name, "-out", f"{name}.pem")
    else:
        _openssl(folder, "req", "-new", "-key", key, "-subj", subject,
                 "-config", ext, "-out", f"{name}.csr")
        _openssl(folder, "x509", "-req", "-in", f"{name}.csr", "-CA",
                 f"cert{index - 1}.pem", "-CAkey", f"key{index - 1}.pem",
                 "-set_serial", str(index + 1), "-days", "3650",
                 "-extfile", ext, "-extensions", name, "-out",
                 f"{name}.pem")
    _openssl(folder, "x509", "-in", f"{name}.pem", "-outform", "DER",
             "-out", f"{name}.der")
    return (folder / f"{name}.der").read_bytes()


def largest_chain(folder):
    """Write a 16-certificate ECDSA P-384 chain of close to MAX_CHAIN_DER
    bytes into folder; return a ChainIdentity."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # A certificate without padding is about 600 bytes; the padding
    # fills the rest evenly, with room for the DER length bytes.
    padding = (MAX_CHAIN_DER - 200) // CHAIN_CERTS - 560
    der = b"".join(_certificate(folder, index, padding)
                   for index in range(CHAIN_CERTS))
    if len(der) > MAX_CHAIN_DER:
        raise AssertionError(f"chain of {len(der)} bytes is above "
                             f"{MAX_CHAIN_DER}")
    chain = folder / "chain.der"
    chain.write_bytes(der)
    return ChainIdentity(chain, folder / f"key{CHAIN_CERTS - 1}.pem",
                         folder / "cert0.der")


def most_measurements(path):
    """Write a measurement file of MAX_BLOCKS raw blocks that together
    fill MAX_RECORD bytes; return its path."""
    # Each block costs 7 header bytes and 64 bytes of digest room in
    # spdm-responder's accounting.
    size = MAX_RECORD // MAX_BLOCKS - 7 - 64
    lines = [f"{index} 6 raw hex:{'5a' * size}"
             for index in range(1, MAX_BLOCKS + 1)]
    Path(path).write_text("\n".join(lines) + "\n")
    return path
