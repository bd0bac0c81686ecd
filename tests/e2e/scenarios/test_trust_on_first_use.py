# SPDX-License-Identifier: BSD-3-Clause
"""Scenarios of trust on first use: a device's first valid chain is
pinned, the pin survives a restart of spdmd, and a device that comes
back with another chain fails with chain-changed."""

from pathlib import Path

from daemon_bus import ENDPOINT

from .scenario_env import expect_outcome, reattest

TOFU = {"trust_policy": "tofu"}


def pin_lines(daemon):
    """Return the pin lines of spdmd's pins file."""
    lines = (Path(daemon.state_dir) / "pins").read_text().splitlines()
    return [line for line in lines if line.startswith("name:")]


def replace_device(dev, device_at, identity):
    """Stop a device and start another on the same socket."""
    socket_path = Path(dev.link[len("unix:"):])
    dev.process.stop()
    socket_path.unlink(missing_ok=True)
    return device_at(socket_path, identity)


def test_tofu_pins_then_catches_changed_chain(p384, device, device_at,
                                              spdmd, private_bus):
    dev = device(p384)
    daemon = spdmd(None, {"dev": dev}, **TOFU)

    pinned = expect_outcome(private_bus, daemon, "dev", "Success", "none")
    assert pinned[ENDPOINT]["TrustPolicy"] == "tofu"
    assert len(pin_lines(daemon)) == 1
    assert pin_lines(daemon)[0].startswith("name:dev 0 ")

    # Restarted with the same chain: the pin matches.
    daemon.stop()
    daemon = spdmd(None, {"dev": dev}, **TOFU)
    expect_outcome(private_bus, daemon, "dev", "Success", "none")
    pins = pin_lines(daemon)

    # Restarted, and the device comes back with another valid chain.
    daemon.stop()
    changed = replace_device(dev, device_at, p384.with_chain("untrusted"))
    daemon = spdmd(None, {"dev": changed}, **TOFU)
    interfaces = expect_outcome(private_bus, daemon, "dev", "Failed",
                                "chain-changed")

    assert interfaces[ENDPOINT]["State"] == "failed"
    assert pin_lines(daemon) == pins


def test_tofu_chain_changed_while_running(p384, device, device_at, spdmd,
                                          private_bus):
    dev = device(p384)
    daemon = spdmd(None, {"dev": dev}, **TOFU)
    expect_outcome(private_bus, daemon, "dev", "Success", "none")

    replace_device(dev, device_at, p384.with_chain("untrusted"))
    changed = private_bus.attest_until("dev", ("failed", "verified"), 20)

    assert changed[ENDPOINT]["Reason"] == "chain-changed"
    # The pin stays, so the device keeps failing.
    reattest(private_bus, daemon, "dev", "Failed", "chain-changed")


def test_tofu_never_pins_invalid_chain(p384, device, spdmd, private_bus):
    broken = device(p384.with_chain("long_pathlen"))
    daemon = spdmd(None, {"broken": broken}, **TOFU)

    expect_outcome(private_bus, daemon, "broken", "Failed", "chain-invalid")

    pins_file = Path(daemon.state_dir) / "pins"
    assert not pins_file.exists() or not pin_lines(daemon)
