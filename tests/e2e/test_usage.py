"""spdmctl's command line: help, and usage and set-up errors (exit 2);
--version of every program."""

import re
import subprocess

import pytest

import harness

USAGE_ERRORS = [
    # (arguments, text the message must contain)
    ([], "Usage: spdmctl COMMAND"),
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["attest", "--trust-anchor", "ca.der"], "--link is missing"),
    (["attest", "--link", "serial:/dev/null"], "--trust-anchor is missing"),
    (["attest", "--link", "tcp:1.2.3.4", "--trust-anchor", "ca.der"],
     "invalid --link 'tcp:1.2.3.4'"),
    (["attest", "--link", "serial:", "--trust-anchor", "ca.der"],
     "invalid --link 'serial:'"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der",
      "--eid", "255"], "invalid --eid '255'"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der",
      "--local-eid", "-1"], "invalid --local-eid '-1'"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der",
      "--slot", "8"], "invalid --slot '8'"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der",
      "--versions", "1.0,1.2"], "invalid --versions '1.0,1.2'"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der",
      "--versions", "2.0"], "invalid --versions '2.0'"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der",
      "--timeout-cap", "0"], "invalid --timeout-cap '0'"),
    (["attest", "--link", "mctp:1:9", "--eid", "9", "--trust-anchor",
      "ca.der"], "names the EID"),
    (["attest", "--link", "mctp:1:x", "--trust-anchor", "ca.der"],
     "invalid EID in --link 'mctp:1:x'"),
    (["attest", "--bogus"], "unknown option '--bogus'"),
    (["attest", "--link"], "option '--link' needs a value"),
    (["attest", "--link", "serial:/x", "--trust-anchor", "ca.der", "extra"],
     "unexpected argument 'extra'"),
    (["verify"], "CONVERSATION"),
    (["verify", "--trust-anchor", "ca.der"], "CONVERSATION"),
    (["verify", "file.txt"], "--trust-anchor is missing"),
    (["verify", "--trust-anchor", "ca.der", "a.txt", "b.txt"],
     "unexpected argument 'b.txt'"),
]


@pytest.mark.parametrize("args, message", USAGE_ERRORS,
                         ids=[" ".join(a) or "none" for a, _ in USAGE_ERRORS])
def test_usage_error_exits_2(args, message, spdmctl):
    result = spdmctl.run(*args)

    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_missing_trust_anchor_file(spdmctl, tmp_path):
    missing = tmp_path / "missing.der"

    result = spdmctl.run("attest", "--link", "serial:/dev/null",
                         "--trust-anchor", missing)

    assert result.returncode == 2
    assert f"cannot load trust anchor {missing}" in result.stderr


def test_link_open_failure(spdmctl, sample_identity, tmp_path):
    anchor = sample_identity("ecp256").anchor
    socket_path = tmp_path / "nobody-listens.sock"

    result = spdmctl.run("attest", "--link", f"unix:{socket_path}",
                         "--trust-anchor", anchor)

    assert result.returncode == 2
    assert f"cannot open link unix:{socket_path}" in result.stderr


def test_verify_missing_file(spdmctl, sample_identity, tmp_path):
    anchor = sample_identity("ecp256").anchor
    missing = tmp_path / "missing.txt"

    result = spdmctl.run("verify", "--trust-anchor", anchor, missing)

    assert result.returncode == 2
    assert str(missing) in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["-h"]])
def test_main_help(args, spdmctl):
    result = spdmctl.run(*args)

    assert result.returncode == 0
    assert "attest" in result.stdout
    assert "verify" in result.stdout
    assert "Exit status" in result.stdout


def test_attest_help_names_units(spdmctl):
    result = spdmctl.run("attest", "--help")

    assert result.returncode == 0
    for option in ["--link", "--eid", "--local-eid", "--trust-anchor",
                   "--slot", "--versions", "--timeout-cap",
                   "--save-evidence", "--json"]:
        assert option in result.stdout
    assert "milliseconds" in result.stdout


def test_verify_help(spdmctl):
    result = spdmctl.run("verify", "--help")

    assert result.returncode == 0
    assert "--trust-anchor" in result.stdout
    assert "CONVERSATION" in result.stdout


def project_version():
    """Return the version of meson.build's project()."""
    text = (harness.REPO / "meson.build").read_text()
    match = re.search(r"^\s*version:\s*'([^']+)'", text, re.MULTILINE)
    assert match, "no version in meson.build"
    return match.group(1)


@pytest.mark.parametrize("program", ["tools/spdmctl/spdmctl", "daemon/spdmd",
                                     "tools/spdm-responder/spdm-responder"])
def test_version_option(program):
    path = harness.build_dir() / program
    result = subprocess.run([str(path), "--version"], capture_output=True,
                            text=True, timeout=10, check=False)

    assert result.returncode == 0
    assert result.stdout == f"{path.name} {project_version()}\n"
    assert result.stderr == ""
