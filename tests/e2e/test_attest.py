"""spdmctl attest against spdm-responder presenting the DMTF sample
identities, over MCTP serial on a pty and on a Unix socket, and over the
spdm-emu TCP protocol."""

import re

import pytest

import conversation

# (sample key folder, --asym of the device, --hash of the device,
#  expected BaseAsymAlgo name, expected BaseHashAlgo name)
FAMILIES = [
    ("ecp256", "ECDSA_P256", "SHA_256",
     "TPM_ALG_ECDSA_ECC_NIST_P256", "TPM_ALG_SHA_256"),
    ("ecp384", "ECDSA_P384", "SHA_384",
     "TPM_ALG_ECDSA_ECC_NIST_P384", "TPM_ALG_SHA_384"),
    ("ecp521", "ECDSA_P521", "SHA_512",
     "TPM_ALG_ECDSA_ECC_NIST_P521", "TPM_ALG_SHA_512"),
    ("rsa2048", "RSASSA_2048", "SHA_256",
     "TPM_ALG_RSASSA_2048", "TPM_ALG_SHA_256"),
    ("rsa2048", "RSAPSS_2048", "SHA_256",
     "TPM_ALG_RSAPSS_2048", "TPM_ALG_SHA_256"),
    ("rsa3072", "RSASSA_3072", "SHA_384",
     "TPM_ALG_RSASSA_3072", "TPM_ALG_SHA_384"),
    ("rsa3072", "RSAPSS_3072", "SHA_384",
     "TPM_ALG_RSAPSS_3072", "TPM_ALG_SHA_384"),
    ("rsa4096", "RSASSA_4096", "SHA_512",
     "TPM_ALG_RSASSA_4096", "TPM_ALG_SHA_512"),
    ("rsa4096", "RSAPSS_4096", "SHA_512",
     "TPM_ALG_RSAPSS_4096", "TPM_ALG_SHA_512"),
    ("ed25519", "EDDSA_ED25519", "SHA_512",
     "EdDSA ed25519", "TPM_ALG_SHA_512"),
]
VERSIONS = ["1.0", "1.1", "1.2"]
TRANSPORTS = ["pty", "unix"]


def attest_cases():
    for family in FAMILIES:
        for version in VERSIONS:
            # EdDSA exists in SPDM from 1.2 on (DSP0274 1.2 table 15).
            if family[1].startswith("EDDSA") and version != "1.2":
                continue
            for transport in TRANSPORTS:
                yield pytest.param(
                    family, version, transport,
                    id=f"{family[1]}-{version}-{transport}")


@pytest.mark.parametrize("family, version, transport", attest_cases())
def test_attest_sample_identity(family, version, transport, start_device,
                                sample_identity, spdmctl):
    folder, asym, hash_name, asym_name, hash_expected = family
    device = start_device(sample_identity(folder), transport,
                          versions=version, asym=asym, hash=hash_name)

    code, result, stderr = spdmctl.attest(device)

    assert code == 0, result
    assert result["verdict"] == "verified"
    assert result["verified"] is True
    assert result["reason"] == "none"
    assert re.fullmatch(re.escape(version) + r"\.\d+", result["version"])
    assert result["algorithms"]["base_asym_algo"] == asym_name
    assert result["algorithms"]["base_hash_algo"] == hash_expected
    assert result["algorithms"]["measurement_specification"] == "DMTF"
    assert result["certificate_chain"]["anchored"] is True
    assert result["certificate_chain"]["certificates"] == 3
    assert result["proof"]["challenge_verified"] is True
    assert result["proof"]["measurements_signed"] is True
    assert result["measurement_count"] > 0
    assert len(result["measurements"]) == result["measurement_count"]


def test_attest_text_output(start_device, sample_identity, spdmctl):
    device = start_device(sample_identity("ecp384"))

    result = spdmctl.attest(device, json_output=False)

    assert result.returncode == 0, result.stderr
    assert "Verdict: verified" in result.stdout
    assert "TPM_ALG_ECDSA_ECC_NIST_P384" in result.stdout
    assert "Leaf subject: " in result.stdout


@pytest.mark.parametrize("version", VERSIONS)
def test_attest_over_emu_socket(version, start_device, sample_identity,
                                spdmctl):
    device = start_device(sample_identity("ecp384"), "emu", versions=version)

    code, result, _ = spdmctl.attest(device)

    assert code == 0, result
    assert re.fullmatch(re.escape(version) + r"\.\d+", result["version"])
    assert result["verdict"] == "verified"


def test_attest_raw_text_values(start_device, sample_identity, spdmctl):
    device = start_device(sample_identity("ecp256"), "unix")

    code, result, _ = spdmctl.attest(device)

    assert code == 0, result
    # The emulator's firmware version block is a raw ASCII string.
    texts = [b for b in result["measurements"] if "text" in b]
    assert texts
    for block in texts:
        assert block["raw_bit_stream"] is True
        assert block["text"] == bytes.fromhex(block["value"]).decode()


def test_attest_versions_option(start_device, sample_identity, spdmctl):
    device = start_device(sample_identity("ecp256"), "unix")

    code, result, _ = spdmctl.attest(device, "--versions", "1.0,1.1")

    assert code == 0, result
    assert re.fullmatch(r"1\.1\.\d+", result["version"])


def test_wrong_key_signature_invalid(start_device, sample_identity,
                                     spdmctl):
    device = start_device(sample_identity("ecp256"), faults=["wrong-key"])

    code, result, _ = spdmctl.attest(device)

    assert code == 1
    assert result["verdict"] == "failed"
    assert result["reason"] == "signature-invalid"
    assert result["certificate_chain"]["anchored"] is True


def test_wrong_anchor_chain_untrusted(start_device, sample_identity,
                                      spdmctl):
    identity = sample_identity("ecp384")
    device = start_device(identity, "unix")
    # The slot 1 root of the sample set did not issue the slot 0 chain.
    other_root = identity.folder / "ca1.cert.der"

    code, result, _ = spdmctl.run_json(
        "attest", "--link", device.link, "--trust-anchor", other_root)

    assert code == 1
    assert result["verdict"] == "failed"
    assert result["reason"] == "chain-untrusted"
    assert result["certificate_chain"]["anchored"] is False


@pytest.mark.parametrize("version", VERSIONS)
def test_saved_evidence_verifies(version, start_device, sample_identity,
                                 spdmctl, tmp_path):
    identity = sample_identity("ecp384")
    device = start_device(identity, versions=version)
    evidence = tmp_path / "evidence.txt"

    code, attested, _ = spdmctl.attest(device, "--save-evidence", evidence)
    assert code == 0, attested

    code, verified, _ = spdmctl.run_json(
        "verify", "--trust-anchor", identity.anchor, evidence)
    assert code == 0, verified
    assert verified["verdict"] == "verified"
    assert verified["version"] == attested["version"]
    assert verified["algorithms"] == attested["algorithms"]


def test_saved_evidence_flipped_byte(start_device, sample_identity, spdmctl,
                                     tmp_path):
    identity = sample_identity("ecp256")
    device = start_device(identity, "unix")
    evidence = tmp_path / "evidence.txt"
    code, attested, _ = spdmctl.attest(device, "--save-evidence", evidence)
    assert code == 0, attested

    saved = conversation.read(evidence)
    index = saved.find(conversation.CHALLENGE_AUTH)
    changed = tmp_path / "changed.txt"
    changed.write_text(saved.flip(index, -1).text())

    code, verified, _ = spdmctl.run_json(
        "verify", "--trust-anchor", identity.anchor, changed)
    assert code == 1
    assert verified["verdict"] == "failed"
    assert verified["reason"] == "signature-invalid"
