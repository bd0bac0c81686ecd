# SPDX-License-Identifier: BSD-3-Clause
"""Mistakes an operator makes in spdmd's configuration, trust anchors and
command lines. Each one ends in exit status 1 (spdmd) or 2 (spdmctl) and
one error line that names the file, the line or the file inside a folder,
and the problem."""

import subprocess

import pytest
from daemon_bus import ENDPOINT
from daemon_env import ATTEST_TIMEOUT, EndpointConfig

import harness

# Seconds spdmd --check-config may take.
CHECK_TIMEOUT = 10

# (test id, configuration text, text the error line contains)
BAD_CONFIGS = [
    ("duplicate-endpoint",
     "[endpoint a]\nlink = unix:/run/a.sock\neid = 9\n"
     "[endpoint a]\nlink = unix:/run/b.sock\neid = 10\n",
     ":4: duplicate endpoint 'a'"),
    ("missing-link", "[endpoint a]\neid = 9\n", ":1: [endpoint a]: link is"),
    ("missing-eid", "[endpoint a]\nlink = unix:/run/a.sock\n",
     ":1: [endpoint a]: eid is"),
    ("hex-eid", "[endpoint a]\nlink = unix:/run/a.sock\neid = 0x10\n",
     ":3: eid: 0x10 is not an EID"),
    ("eid-above-254", "[endpoint a]\nlink = unix:/run/a.sock\neid = 255\n",
     ":3: eid: 255 is not an EID"),
    ("eid-wraps-32-bits",
     "[endpoint a]\nlink = unix:/run/a.sock\neid = 4294967305\n",
     ":3: eid: 4294967305 is not an EID"),
    ("same-eid-on-link",
     "[endpoint a]\nlink = unix:/run/a.sock\neid = 9\n"
     "[endpoint b]\nlink = unix:/run/a.sock\neid = 9\n",
     ":4: [endpoint b]: EID 9 on unix:/run/a.sock is already"),
    ("unknown-link", "[endpoint a]\nlink = tcp:/x\neid = 9\n",
     ":2: link: 'tcp:/x' is invalid"),
    ("huge-line", "[global]\n# " + "x" * 5000 + "\n",
     ":2: line is longer than 196 characters"),
    ("missing-anchor", "[global]\ntrust-anchor = /nonexistent/ca.der\n",
     ":2: trust-anchor: /nonexistent/ca.der: No such file"),
]


def check_config(spdmd_path, path):
    return harness.run([spdmd_path, "--check-config", path], CHECK_TIMEOUT)


@pytest.mark.parametrize(
    "text, expected",
    [pytest.param(t, e, id=name) for name, t, e in BAD_CONFIGS])
def test_bad_config_named(text, expected, spdmd_path, tmp_path):
    path = tmp_path / "spdmd.conf"
    path.write_text(text)

    result = check_config(spdmd_path, path)

    assert result.returncode == 1, result.stdout
    assert expected in result.stderr
    assert len(result.stderr.splitlines()) == 1


# (test id, configuration bytes, text the error line contains)
NOT_UTF8_CONFIGS = [
    ("value", b"[global]\nreattest-interval = 10\xff\n",
     ":2: reattest-interval: '10?' is not"),
    ("name", b"[endpoint a\xe9]\nlink = unix:/x\neid = 9\n",
     ":1: endpoint name 'a?' is invalid"),
    ("overlong-slash", b"[global]\ntrust-anchor = /a\xc0\xafb\n",
     ":2: trust-anchor: /a??b: No such file"),
]


@pytest.mark.parametrize(
    "data, expected",
    [pytest.param(d, e, id=name) for name, d, e in NOT_UTF8_CONFIGS])
def test_not_utf8_error_readable(data, expected, spdmd_path, tmp_path):
    """The error line is valid UTF-8, so the journal keeps it as text."""
    path = tmp_path / "spdmd.conf"
    path.write_bytes(data)

    result = subprocess.run([spdmd_path, "--check-config", path],
                            capture_output=True, timeout=CHECK_TIMEOUT,
                            check=False)

    assert result.returncode == 1, result.stdout
    text = result.stderr.decode("utf-8")
    assert expected in text


@pytest.fixture
def anchor_folder(tmp_path, sample_identity):
    """A folder with one good root certificate and one junk .pem file."""
    folder = tmp_path / "anchors.d"
    folder.mkdir()
    (folder / "good.der").write_bytes(
        sample_identity("ecp384").anchor.read_bytes())
    (folder / "junk.pem").write_text("not a certificate\n")
    (folder / "README").write_text("ignored: no certificate suffix\n")
    return folder


def test_junk_anchor_file_named(anchor_folder, spdmd_path, tmp_path):
    path = tmp_path / "spdmd.conf"
    path.write_text(f"[global]\ntrust-anchor-dir = {anchor_folder}\n")

    result = check_config(spdmd_path, path)

    assert result.returncode == 1, result.stdout
    assert ":2: trust-anchor-dir:" in result.stderr
    assert "junk.pem" in result.stderr


def test_folder_as_anchor_file(spdmd_path, tmp_path):
    path = tmp_path / "spdmd.conf"
    path.write_text(f"[global]\ntrust-anchor = {tmp_path}\n")

    result = check_config(spdmd_path, path)

    assert result.returncode == 1, result.stdout
    assert ":2: trust-anchor:" in result.stderr
    assert "trust-anchor-dir" in result.stderr


def test_crowded_anchor_folder(spdmd_path, tmp_path, sample_identity):
    folder = tmp_path / "anchors.d"
    folder.mkdir()
    (folder / "root.der").write_bytes(
        sample_identity("ecp384").anchor.read_bytes())
    for number in range(1100):
        (folder / f"note{number}.txt").write_text("")
    path = tmp_path / "spdmd.conf"
    path.write_text(f"[global]\ntrust-anchor-dir = {folder}\n")

    result = check_config(spdmd_path, path)

    assert result.returncode == 1, result.stdout
    assert "too many entries" in result.stderr
    assert "Argument list too long" not in result.stderr


def test_spdmctl_names_junk_anchor(anchor_folder, spdmctl):
    result = spdmctl.run("attest", "--link", "unix:/nonexistent.sock",
                         "--trust-anchor", anchor_folder)

    assert result.returncode == 2, result.stdout
    assert "junk.pem" in result.stderr


def test_one_device_under_two_names(spdmd_path, tmp_path):
    """A tty reached through a symbolic link and through its own name is
    one bus: opened twice, the two readers would split its bytes."""
    device = tmp_path / "ttyS2"
    device.write_text("")
    alias = tmp_path / "by-id-gpu"
    alias.symlink_to(device)
    path = tmp_path / "spdmd.conf"
    path.write_text(f"[endpoint GPU_0]\nlink = serial:{device}\neid = 9\n"
                    f"[endpoint GPU_1]\nlink = serial:{alias}\neid = 10\n")

    result = check_config(spdmd_path, path)

    assert result.returncode == 1, result.stdout
    assert ":4: [endpoint GPU_1]: link serial:" in result.stderr
    assert "write both links the same way" in result.stderr


def test_missing_link_path(unix_device, sample_identity, start_spdmd,
                           private_bus, tmp_path):
    """A link whose path does not exist is valid configuration (the
    device may come later), so spdmd starts, attests the other endpoint
    and shows what is wrong with the missing one."""
    identity = sample_identity("ecp384")
    good = unix_device(identity)
    missing = f"unix:{tmp_path}/no-such-folder/dev.sock"
    daemon = start_spdmd({"trust-anchor": identity.anchor},
                         [EndpointConfig("good", good.link),
                          EndpointConfig("typo", missing)])

    private_bus.wait_for_state("good", "verified", ATTEST_TIMEOUT)
    interfaces = private_bus.wait_for_state("typo", "unreachable",
                                            ATTEST_TIMEOUT)
    lines = daemon.wait_for_log(r"failed to open", ATTEST_TIMEOUT)

    assert interfaces[ENDPOINT]["Reason"] == "link-lost"
    assert missing in interfaces[ENDPOINT]["Detail"]
    assert missing in lines[0]
    assert "No such file or directory" in lines[0]


# (test id, spdmd arguments, exit status, text of the first error line)
SPDMD_USAGE = [
    ("unknown-option", ["--bogus"], 1, "unrecognized option '--bogus'"),
    ("missing-value", ["--state-dir"], 1, "requires an argument"),
    ("extra-argument", ["extra"], 1, "unexpected argument 'extra'"),
    ("missing-config", ["--config", "/nonexistent/spdmd.conf"], 1,
     "/nonexistent/spdmd.conf: failed to read: No such file or directory"),
    ("check-missing-config", ["--check-config", "/nonexistent/spdmd.conf"],
     1, "failed to read: No such file or directory"),
]


@pytest.mark.parametrize(
    "arguments, status, expected",
    [pytest.param(a, s, e, id=name) for name, a, s, e in SPDMD_USAGE])
def test_spdmd_usage_error(arguments, status, expected, spdmd_path):
    result = harness.run([spdmd_path, *arguments], CHECK_TIMEOUT)

    assert result.returncode == status, result.stderr
    assert expected in result.stderr.splitlines()[0]


def test_spdmd_without_bus(spdmd_path, tmp_path):
    """spdmd that cannot reach its bus names the address that failed
    and exits 1, so systemd restarts it."""
    config = tmp_path / "spdmd.conf"
    config.write_text("")

    result = harness.run([spdmd_path, "--config", config, "--bus-address",
                          f"unix:path={tmp_path}/no-bus", "--log-stderr"],
                         CHECK_TIMEOUT)

    assert result.returncode == 1
    assert f"failed to connect to unix:path={tmp_path}/no-bus" in \
        result.stderr


# (test id, spdm-responder arguments after the identity, error text)
RESPONDER_USAGE = [
    ("unknown-option", ["--bogus"], "unknown or incomplete option"),
    ("ct-exponent-99", ["--ct-exponent", "99"], "invalid ct-exponent '99'"),
    ("eid-300", ["--eid", "300"], "invalid eid '300'"),
    ("unknown-fault", ["--fault", "bogus"], "unknown fault 'bogus'"),
    ("measurements-not-blocks", ["--measurements", "{folder}/notes.txt"],
     "notes.txt: line 1"),
]


@pytest.mark.parametrize(
    "arguments, expected",
    [pytest.param(a, e, id=name) for name, a, e in RESPONDER_USAGE])
def test_responder_usage_error(arguments, expected, responder_path,
                               sample_identity, short_dir):
    identity = sample_identity("ecp384")
    (short_dir / "notes.txt").write_text("not a measurement block\n")
    arguments = [a.format(folder=short_dir) for a in arguments]

    result = harness.run([responder_path, "--listen",
                          f"unix:{short_dir}/dev.sock", "--chain",
                          identity.chain, "--key", identity.key,
                          *arguments], CHECK_TIMEOUT)

    assert result.returncode == 2, result.stderr
    assert expected in result.stderr


def test_name_of_discovered_endpoint(spdmd_path, tmp_path):
    """mctpd's endpoint on network 1, EID 20 is called mctp_1_20: a
    configured endpoint of that name would keep it from being added."""
    path = tmp_path / "spdmd.conf"
    path.write_text("[endpoint mctp_1_20]\nlink = unix:/run/dev.sock\n"
                    "eid = 9\n")

    result = check_config(spdmd_path, path)

    assert result.returncode == 1, result.stdout
    assert ":1: endpoint name 'mctp_1_20'" in result.stderr
    assert "choose another name" in result.stderr


def test_own_discovered_name_allowed(spdmd_path, tmp_path):
    path = tmp_path / "spdmd.conf"
    path.write_text("[endpoint mctp_1_20]\nlink = mctp:1\neid = 20\n")

    result = check_config(spdmd_path, path)

    assert result.returncode == 0, result.stderr
