# SPDX-License-Identifier: BSD-3-Clause
"""Trust decisions of spdmd across restarts: trust-on-first-use pins in
the state folder, a changed chain, a corrupt pins file, and anchored
trust without anchors."""

from types import SimpleNamespace

from daemon_bus import ENDPOINT, IDENTITY_AUTHENTICATION, STATUS_FAILED
from daemon_env import ATTEST_TIMEOUT, EndpointConfig

TOFU = {"trust-policy": "tofu"}


def other_chain(identity):
    """The identity's slot 1 chain: another root, the same leaf key."""
    return SimpleNamespace(
        folder=identity.folder,
        chain=identity.folder / "bundle_responder.certchain1.der",
        key=identity.key,
        anchor=identity.folder / "ca1.cert.der")


def start_tofu(start_spdmd, device, name="dev0"):
    return start_spdmd(TOFU, [EndpointConfig(name, device.link)])


def test_tofu_pins_first_chain(unix_device, sample_identity, start_spdmd,
                               private_bus):
    device = unix_device(sample_identity("ecp384"))
    start_tofu(start_spdmd, device)

    ep = private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)

    assert ep[ENDPOINT]["TrustPolicy"] == "tofu"
    assert ep[ENDPOINT]["Reason"] == "none"


def test_tofu_pin_survives_restart(unix_device, sample_identity,
                                   start_spdmd, private_bus):
    device = unix_device(sample_identity("ecp384"))
    first = start_tofu(start_spdmd, device)
    private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)
    assert first.stop() == 0

    second = start_tofu(start_spdmd, device)

    private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)
    assert second.log_lines(r"dev0.*attestation PASSED")


def test_tofu_catches_changed_chain(unix_device, sample_identity,
                                    start_spdmd, private_bus):
    identity = sample_identity("ecp384")
    device = unix_device(identity)
    first = start_tofu(start_spdmd, device)
    private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)
    first.stop()
    device.process.stop()

    changed = unix_device(other_chain(identity))
    second = start_tofu(start_spdmd, changed)

    ep = private_bus.wait_for_state("dev0", "failed", ATTEST_TIMEOUT)
    assert ep[ENDPOINT]["Reason"] == "chain-changed"
    assert (ep[IDENTITY_AUTHENTICATION]["ResponderVerificationStatus"]
            == STATUS_FAILED)
    assert second.log_lines(r"dev0.*attestation FAILED.*chain-changed")


def test_tofu_changed_chain_on_reattest(device_at, sample_identity,
                                        start_spdmd, private_bus, tmp_path):
    """A running spdmd keeps the pin when the device comes back with
    another chain on the same socket."""
    identity = sample_identity("ecp384")
    socket_path = tmp_path / "dev0.sock"
    device = device_at(socket_path, identity)
    start_tofu(start_spdmd, device)
    private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)
    device.process.stop()
    socket_path.unlink(missing_ok=True)

    changed = device_at(socket_path, other_chain(identity))

    ep = private_bus.attest_until("dev0", "failed", ATTEST_TIMEOUT)
    assert ep[ENDPOINT]["Reason"] == "chain-changed"
    assert changed.process.running()


def test_corrupt_pins_file_uses_backup(unix_device, sample_identity,
                                       start_spdmd, private_bus):
    identity = sample_identity("ecp384")
    first_device = unix_device(identity)
    second_device = unix_device(identity)
    # Two pins written one after the other: pins.bak keeps dev0's.
    daemon = start_spdmd(TOFU, [EndpointConfig("dev0", first_device.link)])
    private_bus.wait_for_state("dev0", "verified", ATTEST_TIMEOUT)
    daemon.stop()
    daemon = start_spdmd(TOFU, [EndpointConfig("dev0", first_device.link),
                                EndpointConfig("dev1", second_device.link)])
    private_bus.wait_for_state("dev1", "verified", ATTEST_TIMEOUT)
    daemon.stop()
    pins = daemon.state_dir / "pins"
    garbage = b"spdmd-pins 1\nname:dev0 0 not-a-digest\nend 1\n"
    pins.write_bytes(garbage)

    # dev0 now shows another chain: the pin from pins.bak must catch it.
    first_device.process.stop()
    changed = unix_device(other_chain(identity))
    daemon = start_spdmd(TOFU, [EndpointConfig("dev0", changed.link),
                                EndpointConfig("dev1", second_device.link)])

    ep = private_bus.wait_for_state("dev0", "failed", ATTEST_TIMEOUT)
    assert ep[ENDPOINT]["Reason"] == "chain-changed"
    private_bus.wait_for_state("dev1", "verified", ATTEST_TIMEOUT)
    errors = daemon.log_lines(r"pins")
    assert any("line 2" in line or ":2" in line for line in errors), errors
    copies = list(daemon.state_dir.glob("pins.corrupt-*"))
    assert len(copies) == 1
    assert copies[0].read_bytes() == garbage


def test_anchored_without_anchors(unix_device, sample_identity,
                                  start_spdmd, private_bus):
    device = unix_device(sample_identity("ecp384"))
    daemon = start_spdmd({"trust-policy": "anchored"},
                         [EndpointConfig("dev0", device.link)])

    ep = private_bus.wait_for_state("dev0", "failed", ATTEST_TIMEOUT)

    assert ep[ENDPOINT]["Reason"] == "chain-untrusted"
    assert daemon.log_lines(r"trust anchor")


def test_anchored_with_other_root(unix_device, sample_identity,
                                  start_spdmd, private_bus):
    identity = sample_identity("ecp384")
    device = unix_device(identity)
    start_spdmd({"trust-anchor": sample_identity("ecp256").anchor},
                [EndpointConfig("dev0", device.link)])

    ep = private_bus.wait_for_state("dev0", "failed", ATTEST_TIMEOUT)

    assert ep[ENDPOINT]["Reason"] == "chain-untrusted"
