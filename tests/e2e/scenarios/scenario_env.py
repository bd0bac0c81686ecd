# SPDX-License-Identifier: BSD-3-Clause
"""The pieces of a scenario: a test PKI made by scripts/gen-test-pki.sh,
emulated devices whose received requests can be read back, and checks of
the outcome spdmd publishes for an endpoint.

An outcome is checked in three places: ResponderVerificationStatus on
IdentityAuthentication, Reason on io.github.spdmd.Endpoint1, and the one
`attestation PASSED` or `attestation FAILED` line spdmd logs on stderr.
"""

import re
import subprocess
from pathlib import Path

import harness
from daemon_bus import (COMPONENT_INTEGRITY, ENDPOINT,
                        IDENTITY_AUTHENTICATION, STATUS_PREFIX)

DATA = Path(__file__).resolve().parent / "data"
GEN_TEST_PKI = harness.REPO / "scripts" / "gen-test-pki.sh"
# Seconds gen-test-pki.sh may take for one algorithm (RSA keys are slow).
PKI_TIMEOUT = 120

# spdmd settings that keep every scenario short: a response is awaited
# at least 200 ms and at most 1 s, Busy is retried after 10 ms.
SCENARIO_GLOBAL_KEYS = {
    "reattest-interval": 0,
    "timeout-floor-ms": 200,
    "timeout-cap-ms": 1000,
    "busy-retry-delay-ms": 10,
}
# Seconds all attestations of one scenario may take together.
OUTCOME_TIMEOUT = 30

# spdm-responder -v logs each request as "eid N request NAME (...)".
REQUEST_LINE = re.compile(r"debug: eid (\d+) request (\S+) \(")


class Identity:
    """A device identity: chain bundle, private key and trust anchor."""

    def __init__(self, folder, variant=None):
        self.folder = Path(folder)
        self.variant = variant
        suffix = f"_{variant}" if variant else ""
        self.chain = self.folder / f"bundle_responder{suffix}.certchain.der"
        self.key = self.folder / "end_responder.key"
        self.anchor = self.folder / "ca.cert.der"

    def with_chain(self, variant):
        """Return the identity that serves one of the leaf variants of
        gen-test-pki.sh (expired, req_eku, untrusted, long...)."""
        return Identity(self.folder, variant)


class Pki:
    """Test identities per algorithm, generated on first use."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def identity(self, algorithm, variant=None):
        folder = self.folder / algorithm
        if not (folder / "bundle_responder.certchain.der").is_file():
            result = harness.run(["bash", GEN_TEST_PKI, self.folder,
                                  algorithm], PKI_TIMEOUT)
            if result.returncode != 0:
                raise harness.HarnessError(
                    f"gen-test-pki.sh {algorithm} failed:\n"
                    f"{result.stdout}{result.stderr}")
        return Identity(folder, variant)


def received_requests(device, eid=None):
    """Return the names of the requests a device logged, in order.

    The device must run with -v. eid selects one device of a link that
    carries several.
    """
    text = device.process.stderr_path.read_text(errors="replace")
    return [match.group(2) for match in REQUEST_LINE.finditer(text)
            if eid is None or int(match.group(1)) == eid]


def wait_for_outcome(bus, endpoint_id, timeout=OUTCOME_TIMEOUT, after=0):
    """Wait until an attestation of the endpoint finished; return its
    interfaces.

    An attestation counts once AttestationCount exceeds after and State
    is no longer "attesting".
    """
    def finished():
        interfaces = bus.endpoints().get(endpoint_id)
        if not interfaces:
            return None
        project = interfaces[ENDPOINT]
        if (project["AttestationCount"] > after
                and project["State"] != "attesting"):
            return interfaces
        return None

    return bus.wait_for(finished, timeout,
                        f"{endpoint_id} attested ({after} before)")


def outcome_lines(daemon, endpoint_id):
    """Return spdmd's attestation PASSED/FAILED lines of one endpoint."""
    return daemon.log_lines(
        rf"\b{re.escape(endpoint_id)} \(network \d+, EID \d+\): "
        r"attestation (PASSED|FAILED)\b")


def check_outcome(interfaces, daemon, endpoint_id, status, reason):
    """Assert the published status and reason and the last log line.

    status is the last word of the VerificationStatus enum (Success,
    Failed, Unknown); reason the stable reason code.
    """
    published = interfaces[IDENTITY_AUTHENTICATION][
        "ResponderVerificationStatus"]
    project = interfaces[ENDPOINT]
    assert published == STATUS_PREFIX + status, project["Detail"]
    assert project["Reason"] == reason, project["Detail"]
    if reason != "none":
        assert project["Detail"] != ""

    lines = outcome_lines(daemon, endpoint_id)
    assert lines, f"no outcome line for {endpoint_id}:\n{daemon.log()}"
    verdict = "PASSED" if status == "Success" else "FAILED"
    assert f"attestation {verdict}" in lines[-1]
    assert f"reason {reason}" in lines[-1]


def expect_outcome(bus, daemon, endpoint_id, status, reason,
                   timeout=OUTCOME_TIMEOUT, after=0):
    """Wait for the endpoint's attestation and check its outcome; return
    the endpoint's interfaces."""
    interfaces = wait_for_outcome(bus, endpoint_id, timeout, after)
    check_outcome(interfaces, daemon, endpoint_id, status, reason)
    return interfaces


def reattest(bus, daemon, endpoint_id, status, reason,
             timeout=OUTCOME_TIMEOUT):
    """Call Attest() and check the outcome of the attestation it starts."""
    count = bus.endpoints()[endpoint_id][ENDPOINT]["AttestationCount"]
    bus.attest(endpoint_id)
    return expect_outcome(bus, daemon, endpoint_id, status, reason, timeout,
                          after=count)


def type_version(interfaces):
    return interfaces[COMPONENT_INTEGRITY]["TypeVersion"]


def openssl_public_key(certificate):
    """Return the PEM public key of a DER certificate."""
    return subprocess.run(
        ["openssl", "x509", "-inform", "der", "-in", str(certificate),
         "-noout", "-pubkey"],
        capture_output=True, text=True, check=True, timeout=10).stdout
