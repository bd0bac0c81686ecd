# SPDX-License-Identifier: BSD-3-Clause
"""spdmctl verify on conversation files an attacker or a broken tool wrote:
messages added, repeated or reordered around genuine signatures, and
files that are not conversations at all. A changed conversation never
verifies, and a file that is not a conversation is a set-up error (exit
status 2) that names the line."""

import pytest

import conversation
import harness

CONVERSATIONS = harness.testdata_dir() / "conversations"
RECORDED = ["spdm-1.1-p384", "spdm-1.2-p384"]
# Bytes of an ECDSA P-384 signature (r || s).
P384_SIGNATURE_SIZE = 96
GET_MEASUREMENTS = 0xE0
SIGNATURE_REQUESTED = 0x01
# Offset of the first block's value in a MEASUREMENTS response: the
# 8-byte response header and the 4-byte block and 3-byte DMTF headers.
FIRST_VALUE_OFFSET = 8 + 4 + 3


@pytest.fixture(params=RECORDED)
def recorded(request):
    """Return (parsed conversation, trust anchor) of a recorded file."""
    path = CONVERSATIONS / f"{request.param}.txt"
    parsed = conversation.read(path)
    anchor = (path.parent / parsed.header("trust-anchor")).resolve()
    return parsed, anchor


def copy(message):
    return conversation.Message(message.is_request, bytearray(message.data))


def rebuild(recorded_conversation, messages):
    return conversation.Conversation(list(recorded_conversation.headers),
                                     [copy(m) for m in messages])


def verify(spdmctl, anchor, parsed, tmp_path):
    path = tmp_path / "changed.txt"
    path.write_text(parsed.text())
    return spdmctl.run_json("verify", "--trust-anchor", anchor, path)


def unsigned_measurements_pair(signed_request, signed_response):
    """Return an unsigned GET_MEASUREMENTS for all blocks and a response
    to it with the first block's value changed."""
    version = signed_request.data[0]
    request = conversation.Message(
        True, bytearray((version, GET_MEASUREMENTS, 0x00, 0xFF)))
    response = copy(signed_response)
    del response.data[-P384_SIGNATURE_SIZE:]
    response.data[3] = 0
    response.data[FIRST_VALUE_OFFSET] ^= 0xFF
    return request, response


def test_unsigned_measurements_after_signed_rejected(recorded, spdmctl,
                                                     tmp_path):
    parsed, anchor = recorded
    last = parsed.find(GET_MEASUREMENTS, is_request=True, last=True)
    assert parsed.messages[last].data[2] & SIGNATURE_REQUESTED
    extra = unsigned_measurements_pair(parsed.messages[last],
                                       parsed.messages[last + 1])
    changed = rebuild(parsed, parsed.messages + list(extra))

    code, result, stderr = verify(spdmctl, anchor, changed, tmp_path)

    assert code == 1, (result, stderr)
    assert result["verified"] is False
    assert result["reason"] == "measurements-invalid"
    assert "signature" in result["detail"]


def challenge_pair(parsed):
    start = parsed.find(conversation.CHALLENGE, is_request=True)
    return start, parsed.messages[start], parsed.messages[start + 1]


def forged(challenge_auth):
    changed = copy(challenge_auth)
    changed.data[-1] ^= 0x01
    return changed


def test_second_challenge_forged_rejected(recorded, spdmctl, tmp_path):
    parsed, anchor = recorded
    start, request, response = challenge_pair(parsed)
    messages = list(parsed.messages)
    messages[start + 2:start + 2] = [request, forged(response)]

    code, result, stderr = verify(spdmctl, anchor,
                                  rebuild(parsed, messages), tmp_path)

    assert code == 1, (result, stderr)
    assert result["reason"] == "signature-invalid"
    assert result["signatures"]["all_verified"] is False


def test_first_challenge_forged_rejected(recorded, spdmctl, tmp_path):
    parsed, anchor = recorded
    start, request, response = challenge_pair(parsed)
    messages = list(parsed.messages)
    messages[start:start] = [request, forged(response)]

    code, result, stderr = verify(spdmctl, anchor,
                                  rebuild(parsed, messages), tmp_path)

    assert code == 1, (result, stderr)
    assert result["reason"] == "signature-invalid"
    assert result["proof"]["challenge_verified"] is False


def test_replayed_challenge_rejected(recorded, spdmctl, tmp_path):
    parsed, anchor = recorded
    start, request, response = challenge_pair(parsed)
    messages = list(parsed.messages)
    messages[start + 2:start + 2] = [request, response]

    code, result, stderr = verify(spdmctl, anchor,
                                  rebuild(parsed, messages), tmp_path)

    assert code == 1, (result, stderr)
    assert result["reason"] == "signature-invalid"


def test_measurements_moved_before_challenge(recorded, spdmctl, tmp_path):
    parsed, anchor = recorded
    start, _, _ = challenge_pair(parsed)
    last = parsed.find(GET_MEASUREMENTS, is_request=True, last=True)
    messages = list(parsed.messages)
    moved = messages[last:last + 2]
    del messages[last:last + 2]
    messages[start:start] = moved

    code, result, stderr = verify(spdmctl, anchor,
                                  rebuild(parsed, messages), tmp_path)

    assert code == 1, (result, stderr)
    assert result["verified"] is False


def test_conversation_ending_in_request(recorded, spdmctl, tmp_path):
    parsed, anchor = recorded
    start, request, _ = challenge_pair(parsed)
    messages = parsed.messages[:start] + [request]

    code, result, stderr = verify(spdmctl, anchor,
                                  rebuild(parsed, messages), tmp_path)

    assert code == 1, (result, stderr)
    assert result["reason"] == "malformed-response"
    assert "expected a response" in result["detail"]


# (test id, file contents, text the error line contains)
NOT_CONVERSATIONS = [
    ("binary", bytes(range(256)) * 64, "line 1"),
    ("odd-hex", b"> 10 84 0\n", "line 1: invalid hex byte"),
    ("continuation-first", b"  10 84 00 00\n", "line 1: continuation"),
    ("empty-message", b"# header\n> \n", "line 2: empty message"),
    ("huge-message", b"> " + b"ab" * (1024 * 1024 + 1) + b"\n",
     "line 1: message above"),
    ("too-many-messages", b"> 10 84 00 00\n" * 16385, "line 16385"),
]


@pytest.mark.parametrize(
    "contents, expected",
    [pytest.param(c, e, id=name) for name, c, e in NOT_CONVERSATIONS])
def test_not_a_conversation(contents, expected, spdmctl, sample_identity,
                            tmp_path):
    path = tmp_path / "file.txt"
    path.write_bytes(contents)

    result = spdmctl.run("verify", "--trust-anchor",
                         sample_identity("ecp384").anchor, path)

    assert result.returncode == 2, result.stdout
    assert expected in result.stderr
    assert result.stdout == ""



def test_folder_as_conversation(spdmctl, sample_identity, tmp_path):
    result = spdmctl.run("verify", "--trust-anchor",
                         sample_identity("ecp384").anchor, tmp_path)

    assert result.returncode == 2, result.stdout
    assert "Is a directory" in result.stderr
