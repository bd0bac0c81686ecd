"""spdmctl attest against devices that misbehave: every fault ends in
exit 1 with its reason code, within a time bound, and never in a crash."""

import time

import pytest

# Milliseconds spdmctl waits for one response in these tests.
TIMEOUT_CAP_MS = 500
# Seconds an attestation of a faulty device may take at most.
MAX_SECONDS = 20

# A first block whose DMTF value size (32) runs past its 4 bytes of value:
# DMTFSpecMeasurementValueType 0, DMTFSpecMeasurementValueSize 0x0020.
TRUNCATED_BLOCK = "1 - field hex:00200001020304\n"

# (test id, --fault specs, transport, extra spdmctl arguments, reason)
FAULTS = [
    ("silent", ["silent"], "pty", [], "timeout"),
    ("stops-after-vca", ["stop-after=3"], "unix", [], "timeout"),
    ("hangs-up", ["hang-up-after=2"], "unix", [], "link-lost"),
    ("busy-forever", ["busy=forever"], "pty", [], "busy"),
    ("wrong-key", ["wrong-key"], "unix", [], "signature-invalid"),
    ("digest-mismatch", ["digest-mismatch"], "pty", [], "digest-mismatch"),
    ("root-hash-mismatch", ["root-hash-mismatch"], "pty", [],
     "root-hash-mismatch"),
    ("cert-chain-hash-wrong", ["cert-chain-hash-wrong"], "unix", [],
     "cert-chain-hash-mismatch"),
    ("no-common-version", ["versions=1.2"], "pty",
     ["--versions", "1.0,1.1"], "no-common-version"),
]


def attest_faulty(spdmctl, device, *args):
    start = time.monotonic()
    code, result, stderr = spdmctl.attest(
        device, "--timeout-cap", str(TIMEOUT_CAP_MS), *args)
    elapsed = time.monotonic() - start
    return code, result, stderr, elapsed


@pytest.mark.parametrize(
    "faults, transport, args, reason",
    [pytest.param(f, t, a, r, id=name) for name, f, t, a, r in FAULTS])
def test_fault_gives_reason(faults, transport, args, reason, start_device,
                           sample_identity, spdmctl):
    device = start_device(sample_identity("ecp256"), transport,
                          faults=faults)

    code, result, stderr, elapsed = attest_faulty(spdmctl, device, *args)

    assert code == 1, (result, stderr)
    assert result["verdict"] == "failed"
    assert result["reason"] == reason
    assert result["detail"] != ""
    assert elapsed < MAX_SECONDS


def test_truncated_measurement_block(start_device, sample_identity, spdmctl,
                                     tmp_path):
    measurements = tmp_path / "measurements.txt"
    measurements.write_text(TRUNCATED_BLOCK)
    device = start_device(sample_identity("ecp384"), "unix",
                          faults=[f"measurements={measurements}"])

    code, result, stderr, _ = attest_faulty(spdmctl, device)

    assert code == 1, (result, stderr)
    assert result["reason"] == "measurements-invalid"


def test_truncated_chain(start_device, sample_identity, spdmctl, tmp_path):
    identity = sample_identity("ecp384")
    cut = tmp_path / "cut.certchain.der"
    cut.write_bytes(identity.chain.read_bytes()[:-40])
    device = start_device(identity, "pty", faults=[f"chain={cut}"])

    code, result, stderr, _ = attest_faulty(spdmctl, device)

    assert code == 1, (result, stderr)
    assert result["reason"] == "chain-malformed"


def test_silent_device_text_output(start_device, sample_identity, spdmctl):
    device = start_device(sample_identity("ecp256"), faults=["silent"])

    result = spdmctl.attest(device, "--timeout-cap", str(TIMEOUT_CAP_MS),
                            json_output=False)

    assert result.returncode == 1
    assert "Verdict: failed, reason timeout" in result.stdout
    assert "SPDM version: none" in result.stdout
