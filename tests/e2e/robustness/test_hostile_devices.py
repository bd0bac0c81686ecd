# SPDX-License-Identifier: BSD-3-Clause
"""Hostile devices: a Python proxy in front of a real spdm-responder that
responds with another EID or tag, floods the link, lies in frame and
message lengths, changes signed data or serves another device's chain.

spdmctl must give the reason and exit 1 (or verify, where the lie is
harmless and dropped), and spdmd must do the same for the hostile
endpoint while it keeps attesting a good device on another link."""

import os
import socket
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

import pytest
import serial_framing
import spdm_forge
from daemon_bus import ENDPOINT, IDENTITY_AUTHENTICATION
from daemon_env import ATTEST_TIMEOUT, P384_SHA384, EndpointConfig
from hostile_device import Upstream

import harness

# Milliseconds spdmctl waits for one response in these tests.
TIMEOUT_CAP_MS = 500
# Seconds one hostile attestation may take.
MAX_SECONDS = 20
GET_CAPABILITIES = 0xE1
GET_CERTIFICATE = 0x82
GET_DIGESTS = 0x81
# Bytes of a CERTIFICATE response that the largest link message allows.
MAX_MESSAGE = 65536


def forward(peer, request):
    """Return the real device's response; fail the test when none."""
    response = peer.forward(request)
    assert response is not None, "the real device did not respond"
    return response


def frames_of(request, response, **changes):
    fields = {"destination": request.source, "source": request.destination,
              "tag": request.tag, "tag_owner": False}
    fields.update(changes)
    return serial_framing.spdm_frames(response, fields["destination"],
                                      fields["source"], fields["tag"],
                                      fields["tag_owner"])


def bad_fcs_frame(payload):
    """Return a complete frame whose checksum is wrong."""
    good = serial_framing.fcs16(
        bytes((serial_framing.REVISION, len(payload))) + payload)
    return serial_framing.frame(payload, fcs=good ^ 0x0001)


def from_other_eid(peer, request):
    peer.send_raw(frames_of(request, forward(peer, request), source=10))


def with_other_tag(peer, request):
    peer.send_raw(frames_of(request, forward(peer, request),
                            tag=(request.tag + 1) % 8))


def as_request(peer, request):
    peer.send_raw(frames_of(request, forward(peer, request),
                            tag_owner=True))


def after_unsolicited(peer, request):
    """An unsolicited VERSION on another tag, then the response."""
    stray = bytes.fromhex("1004000000020010001100")
    peer.send_raw(frames_of(request, stray, tag=(request.tag + 3) % 8))
    peer.send_raw(frames_of(request, forward(peer, request)))


def twice(peer, request):
    frames = frames_of(request, forward(peer, request))
    peer.send_raw(frames + frames)


def after_junk_frames(peer, request):
    """Frames with bad checksums, zero-length packets, an MCTP packet
    without a message type and a LEN above 74, then the response."""
    flags = serial_framing.SOM | serial_framing.EOM | request.tag
    header = serial_framing.header(request.source, request.destination,
                                   flags)
    junk = b"".join(bad_fcs_frame(os.urandom(60).replace(b"\x7e", b"\x00"))
                    for _ in range(200))
    junk += serial_framing.frame(b"") + serial_framing.frame(header)
    junk += serial_framing.frame(header + bytes(71), length=75)
    peer.send_raw(junk + frames_of(request, forward(peer, request)))


def with_lying_length(peer, request):
    """LEN claims 74 bytes, so the receiver reads into the next frame."""
    frames = bytearray(frames_of(request, forward(peer, request)))
    frames[2] = 74
    peer.send_raw(bytes(frames))


def wrong_response_code(peer, request):
    response = forward(peer, request)
    if request.spdm[1] == GET_CAPABILITIES:
        response = bytes.fromhex("1004000000020010001100")
    peer.send_raw(frames_of(request, response))


def one_byte(peer, request):
    peer.send_raw(frames_of(request, b"\x10"))


def close_mid_frame(peer, request):
    frames = frames_of(request, forward(peer, request))
    if request.spdm[1] == GET_CERTIFICATE:
        peer.send_raw(frames[:len(frames) // 2])
        peer.close()
        return
    peer.send_raw(frames)


def largest_certificate(peer, request):
    """A CERTIFICATE padded to the largest message a link carries."""
    response = forward(peer, request)
    if request.spdm[1] == GET_CERTIFICATE:
        response += bytes(MAX_MESSAGE - len(response))
    peer.send_raw(frames_of(request, response))


def oversized_certificate(peer, request):
    response = forward(peer, request)
    if request.spdm[1] == GET_CERTIFICATE:
        response += bytes(MAX_MESSAGE + 1 - len(response))
    peer.send_raw(frames_of(request, response))


def changed_capabilities(peer, request):
    """Flip a reserved byte the requester does not check, so the
    transcript the device signs differs from the requester's."""
    response = bytearray(forward(peer, request))
    if request.spdm[1] == GET_CAPABILITIES:
        response[2] ^= 0x01
    peer.send_raw(frames_of(request, bytes(response)))


# (test id, handler, spdmctl reason or "none" when verified)
ATTACKS = [
    ("other-eid", from_other_eid, "timeout"),
    ("other-tag", with_other_tag, "timeout"),
    ("tag-owner-set", as_request, "timeout"),
    ("unsolicited-response", after_unsolicited, "none"),
    ("duplicate-response", twice, "none"),
    ("junk-frames", after_junk_frames, "none"),
    ("lying-frame-length", with_lying_length, "timeout"),
    ("wrong-response-code", wrong_response_code, "unexpected-response"),
    ("one-byte-response", one_byte, "malformed-response"),
    ("close-mid-frame", close_mid_frame, "link-lost"),
    ("64-kib-certificate", largest_certificate, "none"),
    ("above-64-kib-certificate", oversized_certificate, "timeout"),
    ("changed-transcript", changed_capabilities, "signature-invalid"),
]


@pytest.fixture
def p384(sample_identity):
    return sample_identity("ecp384")


@pytest.fixture
def real_device(unix_device, p384):
    return unix_device(p384, **P384_SHA384)


def attest_json(spdmctl, link, anchor, *extra):
    started = time.monotonic()
    code, result, stderr = spdmctl.run_json(
        "attest", "--link", link, "--trust-anchor", anchor,
        "--timeout-cap", str(TIMEOUT_CAP_MS), *extra)
    return code, result, stderr, time.monotonic() - started


@pytest.mark.parametrize(
    "handler, reason",
    [pytest.param(h, r, id=name) for name, h, r in ATTACKS])
def test_spdmctl_against_hostile(handler, reason, hostile, real_device,
                                 p384, spdmctl):
    device = hostile(handler, upstream=real_device)

    code, result, stderr, elapsed = attest_json(spdmctl, device.link,
                                                p384.anchor)

    assert result["reason"] == reason, (result, stderr)
    assert code == (0 if reason == "none" else 1)
    assert result["verified"] is (reason == "none")
    if reason != "none":
        assert result["detail"] != ""
    assert elapsed < MAX_SECONDS
    assert device.errors == []


def spdmd_beside_good(start_spdmd, unix_device, p384, hostile_link,
                      **global_keys):
    """Start spdmd with a good device "good" and the endpoint "bad"."""
    good = unix_device(p384, **P384_SHA384)
    keys = {"trust-anchor": p384.anchor}
    keys.update(global_keys)
    return start_spdmd(keys, [EndpointConfig("good", good.link),
                              EndpointConfig("bad", hostile_link)])


def check_bad_endpoint(bus, daemon, reason):
    interfaces = bus.wait_for_state(
        "bad", ("verified", "failed", "unreachable"), ATTEST_TIMEOUT)
    project = interfaces[ENDPOINT]
    assert project["Reason"] == reason, project["Detail"]
    if reason != "none":
        assert project["Detail"] != ""
        assert interfaces[IDENTITY_AUTHENTICATION][
            "ResponderVerificationStatus"] != (
                IDENTITY_AUTHENTICATION + ".VerificationStatus.Success")
        assert daemon.log_lines(
            rf"bad \(network 0, EID 9\): attestation FAILED, .*reason "
            rf"{reason}: ")
    assert daemon.process.running(), daemon.log()


@pytest.mark.parametrize(
    "handler, reason",
    [pytest.param(h, r, id=name) for name, h, r in ATTACKS])
def test_spdmd_against_hostile(handler, reason, hostile, real_device,
                               unix_device, p384, start_spdmd, private_bus):
    device = hostile(handler, upstream=real_device)
    daemon = spdmd_beside_good(start_spdmd, unix_device, p384, device.link)

    private_bus.wait_for_state("good", "verified", ATTEST_TIMEOUT)
    check_bad_endpoint(private_bus, daemon, reason)
    private_bus.attest_until("good", "verified", ATTEST_TIMEOUT)
    assert device.errors == []


def measurements_liar(key, change):
    """Return a handler that changes the signed MEASUREMENTS with change
    and signs it again with the device's own key."""
    vca = spdm_forge.VcaRecorder()

    def handler(peer, request):
        response = forward(peer, request)
        vca.record(request.spdm, response)
        signed = request.spdm[2] & 0x01
        if request.spdm[1] == spdm_forge.GET_MEASUREMENTS and signed:
            unsigned = bytearray(response[:-spdm_forge.SIGNATURE_SIZE])
            change(unsigned)
            response = spdm_forge.resign_measurements(
                key, vca.messages, request.spdm, bytes(unsigned))
        peer.send_raw(frames_of(request, response))

    return handler


def unchanged(response):
    """Leaves the response as it is: the re-signed copy must verify."""


def one_block_fewer(response):
    response[4] -= 1


def one_block_more(response):
    response[4] += 1


@pytest.mark.parametrize("version", ["1.1", "1.2"])
@pytest.mark.parametrize("change, reason", [
    (unchanged, "none"),
    (one_block_fewer, "measurements-invalid"),
    (one_block_more, "measurements-invalid"),
])
def test_resigned_block_count(version, change, reason, hostile,
                              start_device, p384, spdmctl):
    real = start_device(p384, "unix", versions=version,
                        extra=["--asym", "ECDSA_P384", "--hash", "SHA_384",
                               "--measurement-hash", "SHA_384",
                               "--caps", "CERT|MEAS_SIG|MEAS_FRESH"])
    key = spdm_forge.load_key(p384.key)
    device = hostile(measurements_liar(key, change), upstream=real)

    code, result, stderr, _ = attest_json(spdmctl, device.link,
                                          p384.anchor)

    assert result["reason"] == reason, (result, stderr)
    assert code == (0 if reason == "none" else 1)
    if reason != "none":
        assert "NumberOfBlocks" in result["detail"]


@pytest.fixture(scope="module")
def two_pkis(tmp_path_factory):
    """Two test PKIs from scripts/gen-test-pki.sh: two devices, each
    with its own root, intermediate and key."""
    identities = []
    for name in ("first", "second"):
        folder = tmp_path_factory.mktemp(name)
        result = harness.run(["bash", harness.REPO / "scripts" /
                              "gen-test-pki.sh", folder, "ecp384"], 120)
        assert result.returncode == 0, result.stderr
        identities.append(folder / "ecp384")
    return identities


def other_device_chain(other):
    """Return a handler that takes DIGESTS and CERTIFICATE from other (an
    Upstream) and everything else from the proxied device."""
    def handler(peer, request):
        code = request.spdm[1]
        if code in (GET_DIGESTS, GET_CERTIFICATE):
            response = other.exchange(request.spdm)
        else:
            response = forward(peer, request)
            if code in spdm_forge.VCA_REQUESTS:
                other.exchange(request.spdm)
        peer.send_raw(frames_of(request, response))
    return handler


def folder_identity(folder):
    """Return the identity of a gen-test-pki.sh folder."""
    return SimpleNamespace(chain=folder / "bundle_responder.certchain.der",
                           key=folder / "end_responder.key",
                           anchor=folder / "ca.cert.der")


def test_chain_of_other_device(two_pkis, hostile, start_device, spdmctl,
                               tmp_path):
    first, second = two_pkis
    devices = [start_device(folder_identity(folder), "unix",
                            extra=["--asym", "ECDSA_P384", "--hash",
                                   "SHA_384"])
               for folder in (first, second)]
    other = Upstream(devices[1].link[len("unix:"):])
    device = hostile(other_device_chain(other), upstream=devices[0])

    try:
        code, result, stderr, _ = attest_json(
            spdmctl, device.link, first / "ca.cert.der",
            "--trust-anchor", second / "ca.cert.der")
    finally:
        other.close()

    assert code == 1, (result, stderr)
    assert result["certificate_chain"]["anchored"] is True
    # CHALLENGE_AUTH carries the hash of the proxied device's own chain.
    assert result["reason"] == "cert-chain-hash-mismatch"
    assert "CHALLENGE_AUTH" in result["detail"]


FLOOD = r"""
import os, sys, time
fd = int(sys.argv[1])
os.set_blocking(fd, True)
junk = os.urandom(262144)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    try:
        os.write(fd, junk)
    except OSError:
        break
"""
# Seconds the flood lasts.
FLOOD_SECONDS = 15


def bytes_written(process):
    """Bytes the process has written so far, from /proc/PID/io."""
    with open(f"/proc/{process.pid}/io", encoding="ascii") as io:
        fields = dict(line.split(": ") for line in io.read().splitlines())
    return int(fields["wchar"])


def flood_from_connect(flooders):
    """Return an on_connect handler that floods each peer from a process
    of its own, and keeps the processes in flooders."""
    def flood(peer):
        fd = peer.sock.fileno()
        flooders.append(subprocess.Popen(
            [sys.executable, "-c", FLOOD, str(fd), str(FLOOD_SECONDS)],
            pass_fds=[fd], preexec_fn=harness._die_with_parent))
    return flood


def stop_flooders(flooders):
    for flooder in flooders:
        flooder.kill()
        flooder.wait(5)


def test_spdmctl_under_garbage_flood(hostile, p384, spdmctl):
    """spdmctl keeps its deadlines while a device floods it. The flood
    lasts FLOOD_SECONDS, and spdmctl gives up on GET_VERSION long before."""
    flooders = []
    device = hostile(lambda peer, request: None,
                     on_connect=flood_from_connect(flooders))
    try:
        code, result, stderr, elapsed = attest_json(spdmctl, device.link,
                                                    p384.anchor)
        # A flooder ends when spdmctl closes the link; until it is
        # reaped, /proc still has its counts.
        assert sum(bytes_written(flooder) for flooder in flooders) > 1 << 20
    finally:
        stop_flooders(flooders)
    assert code == 1
    assert result["reason"] == "timeout", (result, stderr)
    assert elapsed < FLOOD_SECONDS / 2, elapsed


def test_spdmd_under_garbage_flood(hostile, unix_device, p384, start_spdmd,
                                   private_bus):
    """A device that writes random bytes as fast as it can, from a process
    of its own, must not keep spdmd from attesting the good device."""
    flooders = []
    device = hostile(lambda peer, request: None,
                     on_connect=flood_from_connect(flooders))
    try:
        daemon = spdmd_beside_good(start_spdmd, unix_device, p384,
                                   device.link)
        private_bus.wait_for_state("good", "verified", ATTEST_TIMEOUT)
        for _ in range(3):
            started = time.monotonic()
            private_bus.attest_until("good", "verified", ATTEST_TIMEOUT)
            # A bound against starvation, not a speed target: a round takes
            # 0.1 s, under ASan too, and took 2 s to over 15 s when spdmd
            # read the flood until it paused.
            assert time.monotonic() - started < 5
        check_bad_endpoint(private_bus, daemon, "timeout")
        # The flood went on while the good device was attested.
        assert all(flooder.poll() is None for flooder in flooders)
        assert sum(bytes_written(flooder) for flooder in flooders) > 1 << 20
    finally:
        stop_flooders(flooders)


def hang_up_at_once(peer):
    peer.close()


# Seconds the hanging-up device is watched.
FLAP_SECONDS = 10


def test_device_hanging_up_backs_off(hostile, unix_device, p384,
                                     start_spdmd, private_bus):
    """A device that accepts every connection and closes it at once is
    reconnected with a growing delay (0.5 s, 1 s, 2 s...), not every
    half second with an attestation and its log lines each time."""
    device = hostile(lambda peer, request: None, on_connect=hang_up_at_once)
    daemon = spdmd_beside_good(start_spdmd, unix_device, p384, device.link)
    private_bus.wait_for_state("good", "verified", ATTEST_TIMEOUT)

    time.sleep(FLAP_SECONDS)

    # 0.5 + 1 + 2 + 4 s of delays fit into 10 s, 8 s more do not.
    assert 3 <= device.connections <= 6, daemon.log()
    assert len(daemon.log_lines(r"bad \(.*attestation FAILED")) <= 6
    assert daemon.process.running()
    private_bus.attest_until("good", "verified", ATTEST_TIMEOUT)


@pytest.fixture
def silent_tcp_peer():
    """A TCP listener on 127.0.0.1 that accepts connections and never
    sends a byte, as an emu: device that does not say hello; yields its
    port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    accepted = []
    stopping = threading.Event()

    def accept_all():
        while not stopping.is_set():
            try:
                accepted.append(listener.accept()[0])
            except (socket.timeout, OSError):
                continue

    thread = threading.Thread(target=accept_all, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stopping.set()
    thread.join(5)
    listener.close()
    for connection in accepted:
        connection.close()


# Seconds the silent emu: peer is watched, and the slowest D-Bus reply
# accepted meanwhile.
SILENT_PEER_SECONDS = 8
MAX_REPLY_SECONDS = 1


def test_silent_emu_peer_does_not_freeze(silent_tcp_peer, unix_device, p384,
                                         start_spdmd, private_bus):
    """An emu: peer that accepts the connection and never replies to the
    hello must not hold up spdmd's event loop: D-Bus stays responsive and
    the endpoint fails with timeout."""
    daemon = spdmd_beside_good(start_spdmd, unix_device, p384,
                               f"emu:127.0.0.1:{silent_tcp_peer}")
    private_bus.wait_for_state("good", "verified", ATTEST_TIMEOUT)

    slowest = 0
    deadline = time.monotonic() + SILENT_PEER_SECONDS
    while time.monotonic() < deadline:
        started = time.monotonic()
        private_bus.endpoints()
        slowest = max(slowest, time.monotonic() - started)
        time.sleep(0.2)

    assert daemon.process.running()
    assert slowest < MAX_REPLY_SECONDS, daemon.log()
    check_bad_endpoint(private_bus, daemon, "timeout")


def lying_field(code, offset, value):
    """Return a handler that overwrites bytes at offset of the response to
    requests with code, so a length or count field lies."""
    def handler(peer, request):
        response = bytearray(forward(peer, request))
        if request.spdm[1] == code:
            response[offset:offset + len(value)] = value
        peer.send_raw(frames_of(request, bytes(response)))
    return handler


# (test id, request code, byte offset, new bytes, spdmctl reason)
LYING_FIELDS = [
    ("version-entry-count-255", 0x84, 5, b"\xff", "malformed-response"),
    ("version-entry-count-0", 0x84, 5, b"\x00", "protocol-violation"),
    ("ct-exponent-255", 0xE1, 5, b"\xff", "illegal-capabilities"),
    ("data-transfer-size-0", 0xE1, 12, bytes(4), "illegal-capabilities"),
    ("algorithms-length-65535", 0xE3, 4, b"\xff\xff",
     "malformed-response"),
    ("digests-slot-mask-ff", 0x81, 3, b"\xff", "malformed-response"),
    ("portion-length-65535", GET_CERTIFICATE, 4, b"\xff\xff",
     "cert-portion-invalid"),
    ("remainder-length-65535", GET_CERTIFICATE, 6, b"\xff\xff",
     "chain-too-large"),
    ("record-length-16-mib", 0xE0, 5, b"\xff\xff\xff", "malformed-response"),
    ("block-count-255", 0xE0, 4, b"\xff", "measurements-invalid"),
]


@pytest.mark.parametrize(
    "code, offset, value, reason",
    [pytest.param(c, o, v, r, id=name) for name, c, o, v, r in LYING_FIELDS])
def test_lying_field(code, offset, value, reason, hostile, real_device,
                     p384, spdmctl):
    device = hostile(lying_field(code, offset, value), upstream=real_device)

    code, result, stderr, elapsed = attest_json(spdmctl, device.link,
                                                p384.anchor)

    assert code == 1, (result, stderr)
    assert result["reason"] == reason, result["detail"]
    assert result["detail"] != ""
    assert elapsed < MAX_SECONDS
