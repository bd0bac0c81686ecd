"""spdmctl verify on the SPDM conversations recorded between DMTF's
libspdm requester and responder emulators, and on copies of them with
one byte changed."""

import pytest

import conversation
import harness

CONVERSATIONS = harness.testdata_dir() / "conversations"


def conversation_files():
    files = sorted(CONVERSATIONS.glob("*.txt"))
    # A missing folder gives one case that fails, not a silent pass.
    return files or [CONVERSATIONS / "missing.txt"]


def anchor_of(path, recorded):
    """Return the trust anchor a recorded conversation names."""
    return (path.parent / recorded.header("trust-anchor")).resolve()


def verify(spdmctl, anchor, path):
    return spdmctl.run_json("verify", "--trust-anchor", anchor, path)


def slot0_certificate_before_challenge(recorded):
    """Return the index of the last CERTIFICATE response of slot 0 that
    comes before CHALLENGE: it ends with the leaf certificate."""
    challenge = recorded.find(conversation.CHALLENGE, is_request=True)
    found = None
    for index in range(1, challenge):
        request = recorded.messages[index - 1]
        response = recorded.messages[index]
        if (request.is_request and request.code == 0x82
                and request.data[2] & 0x0f == 0
                and response.code == conversation.CERTIFICATE):
            found = index
    if found is None:
        raise LookupError("no CERTIFICATE of slot 0 before CHALLENGE")
    return found


@pytest.fixture(params=conversation_files(), ids=lambda path: path.stem)
def recorded(request):
    path = request.param
    return path, conversation.read(path)


def test_recorded_conversation_verifies(recorded, spdmctl):
    path, parsed = recorded

    code, result, stderr = verify(spdmctl, anchor_of(path, parsed), path)

    assert code == 0, (result, stderr)
    assert result["verdict"] == "verified"
    assert result["reason"] == "none"
    assert result["version"].startswith(parsed.header("version") + ".")
    assert result["signatures"]["challenge_auth"] == 1
    assert result["signatures"]["measurements"] == 1
    assert result["certificate_chain"]["anchored"] is True


def test_recorded_text_output(recorded, spdmctl):
    path, parsed = recorded

    result = spdmctl.run("verify", "--trust-anchor",
                         anchor_of(path, parsed), path)

    assert result.returncode == 0, result.stderr
    assert "Verdict: verified" in result.stdout
    assert "Signatures verified: 2" in result.stdout


# (name, function returning (message index, byte offset), expected reason)
def challenge_auth_signature(recorded):
    return recorded.find(conversation.CHALLENGE_AUTH), -1


def measurements_signature(recorded):
    return recorded.find(conversation.MEASUREMENTS, last=True), -1


def challenge_nonce(recorded):
    # CHALLENGE: header (4 bytes), then the requester's Nonce.
    return recorded.find(conversation.CHALLENGE, is_request=True), 4


def measurement_value(recorded):
    # MEASUREMENTS: header (4), NumberOfBlocks (1), record length (3),
    # then the first block: Index, MeasurementSpecification,
    # MeasurementSize (2), DMTF type (1), value size (2), value.
    return recorded.find(conversation.MEASUREMENTS, last=True), 15


def leaf_certificate(recorded):
    # The leaf certificate ends with its signature.
    return slot0_certificate_before_challenge(recorded), -1


FLIPS = [
    ("challenge-auth-signature", challenge_auth_signature,
     {"signature-invalid"}),
    ("measurements-signature", measurements_signature,
     {"signature-invalid"}),
    ("challenge-nonce", challenge_nonce, {"signature-invalid"}),
    ("measurement-value", measurement_value, {"signature-invalid"}),
    ("leaf-certificate", leaf_certificate, {"digest-mismatch"}),
]


@pytest.mark.parametrize("locate, reasons",
                         [pytest.param(f, r, id=n) for n, f, r in FLIPS])
def test_flipped_byte_rejected(recorded, locate, reasons, spdmctl,
                               tmp_path):
    path, parsed = recorded
    index, offset = locate(parsed)
    changed = tmp_path / path.name
    changed.write_text(parsed.flip(index, offset).text())

    code, result, _ = verify(spdmctl, anchor_of(path, parsed), changed)

    assert code == 1
    assert result["verdict"] == "failed"
    assert result["reason"] in reasons


def test_wrong_anchor_rejected(recorded, spdmctl, sample_identity):
    path, parsed = recorded
    # The slot 1 root of the same sample set did not issue slot 0's chain.
    other_root = anchor_of(path, parsed).parent / "ca1.cert.der"

    code, result, _ = verify(spdmctl, other_root, path)

    assert code == 1
    assert result["reason"] == "chain-untrusted"


def test_cut_response_rejected(recorded, spdmctl, tmp_path):
    path, parsed = recorded
    # The MEASUREMENTS response loses the end of its signature.
    last = parsed.find(conversation.MEASUREMENTS, last=True)
    del parsed.messages[last].data[-8:]
    changed = tmp_path / path.name
    changed.write_text(parsed.text())

    code, result, _ = verify(spdmctl, anchor_of(path, parsed), changed)

    assert code == 1
    assert result["verdict"] == "failed"
