# SPDX-License-Identifier: BSD-3-Clause
"""Measures spdmd attesting N emulated endpoints at once.

For each device identity in --keys and each N, the run starts a private
dbus-daemon, N spdm-responder processes on Unix sockets (each answers
every request --fault delay=MS after it arrived, as a slow device
would) and spdmd with one [endpoint] per device. After the first attestation of
every endpoint, a second round is started with Attest() on all of them,
and such rounds are measured:

- round time: from the earliest LastAttempt to the latest LastUpdated
  that spdmd publishes, so start-up is not counted (the median of at
  least MIN_ROUNDS rounds and MIN_MEASURED attestations);
- spdmd CPU time in those rounds (schedstat from /proc), per
  attestation, from the Attest() calls to the last attestation logged;
- the devices' CPU time in those rounds, per attestation: they share the
  host's CPUs with spdmd, so they bound how well N attestations overlap;
- spdmd peak RSS (VmHWM) over the whole run.

crypto-floor times the signature checks one attestation cannot avoid in
the same run. The report compares the results with the targets: 64
endpoints take at most 1.5 times one, CPU per attestation is at most 1.3
times the floor, and 256 endpoints stay under 16 MiB RSS.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dbus

SERVICE = "xyz.openbmc_project.spdmd"
ROOT = "/xyz/openbmc_project/component_integrity"
ENDPOINT = "io.github.spdmd.Endpoint1"
INTEGRITY = "xyz.openbmc_project.Attestation.ComponentIntegrity"

# Seconds any one step (start, a round) may take before the run stops.
STEP_TIMEOUT = 300
POLL_INTERVAL = 0.05
TARGET_SCALING = 1.5  # N=64 round time over N=1 round time
TARGET_CPU_OVER_FLOOR = 1.3
TARGET_RSS_MIB = 16
# DMTF sample identities the devices can present, by folder name: the
# BaseAsymAlgo name for spdm-responder and the name the report prints.
DEVICE_KEYS = {
    "ecp256": ("ECDSA_P256", "ECDSA P-256"),
    "ecp384": ("ECDSA_P384", "ECDSA P-384"),
    "ecp521": ("ECDSA_P521", "ECDSA P-521"),
    "ed25519": ("EDDSA_ED25519", "Ed25519"),
}
# Attestations measured at least per endpoint count, in whole rounds, so
# that small counts are not measured from one attestation alone.
MIN_MEASURED = 32
# Rounds measured at least per endpoint count, so that the median round
# of large counts is not one sample.
MIN_ROUNDS = 3

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class BenchError(Exception):
    """A process did not start or a round did not finish in time."""


class Processes:
    """Child processes of one measurement, stopped by PID."""

    def __init__(self, folder):
        self.folder = folder
        self.children = []

    def start(self, name, args):
        log = open(self.folder / f"{name}.log", "wb")
        child = subprocess.Popen([str(arg) for arg in args],
                                 stdin=subprocess.DEVNULL, stdout=log,
                                 stderr=subprocess.STDOUT)
        log.close()
        self.children.append(child)
        return child

    def stop_all(self):
        for child in reversed(self.children):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in reversed(self.children):
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(5)


def wait_until(predicate, what, timeout=STEP_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise BenchError(f"{what}: not done in {timeout} s")
        time.sleep(POLL_INTERVAL)


def cpu_seconds(pid):
    """Return the CPU time of all threads of a process in seconds.

    schedstat counts in nanoseconds, where utime and stime in
    /proc/PID/stat count in clock ticks (10 ms at USER_HZ 100).
    """
    total_ns = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        total_ns += int((task / "schedstat").read_text().split()[0])
    return total_ns / 1e9


def peak_rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise BenchError(f"no VmHWM for PID {pid}")


def passed_count(log_path):
    return log_path.read_text(errors="replace").count("attestation PASSED")


def endpoint_times(connection):
    """Return [(LastAttempt, LastUpdated, AttestationCount, State)]."""
    proxy = connection.get_object(SERVICE, ROOT, introspect=False)
    objects = proxy.GetManagedObjects(
        dbus_interface="org.freedesktop.DBus.ObjectManager", timeout=60)
    return [(int(interfaces[ENDPOINT]["LastAttempt"]),
             int(interfaces[INTEGRITY]["LastUpdated"]),
             int(interfaces[ENDPOINT]["AttestationCount"]),
             str(interfaces[ENDPOINT]["State"]))
            for path, interfaces in objects.items()
            if path.startswith(ROOT + "/")]


def identity_folder(args, key):
    return args.testdata / "dmtf-sample-keys" / key


def start_devices(processes, args, key, count, folder):
    """Start count devices; return the anchor, their sockets and processes."""
    identity = identity_folder(args, key)
    links = []
    devices = []
    for index in range(count):
        socket_path = folder / f"dev{index}.sock"
        devices.append(processes.start(f"device{index}", [
            args.build / "tools/spdm-responder/spdm-responder",
            "--listen", f"unix:{socket_path}",
            "--chain", identity / "bundle_responder.certchain.der",
            "--key", identity / "end_responder.key",
            "--asym", DEVICE_KEYS[key][0], "--hash", "SHA_384",
            "--measurement-hash", "SHA_384",
            "--fault", f"delay={args.delay_ms}"]))
        links.append(socket_path)
    wait_until(lambda: all(path.exists() for path in links),
               f"{count} devices listening")
    return identity / "ca.cert.der", links, devices


def write_config(folder, anchor, links):
    lines = ["[global]", f"trust-anchor = {anchor}",
             "mctpd-discovery = no", "reattest-interval = 0",
             f"max-concurrent = {min(max(len(links), 1), 256)}"]
    for index, path in enumerate(links):
        lines += ["", f"[endpoint dev{index}]", f"link = unix:{path}",
                  "eid = 9"]
    config = folder / "spdmd.conf"
    config.write_text("\n".join(lines) + "\n")
    return config


def measure(args, key, count):
    """Run one measurement with count endpoints; return its numbers."""
    folder = Path(tempfile.mkdtemp(prefix=f"spdmd-bench-{count}-"))
    processes = Processes(folder)
    try:
        socket_path = folder / "bus.sock"
        (folder / "bus.conf").write_text(BUS_CONFIG.format(socket=socket_path))
        processes.start("dbus-daemon", ["dbus-daemon", "--nofork",
                                        f"--config-file={folder}/bus.conf"])
        wait_until(socket_path.exists, "dbus-daemon listening")
        anchor, links, devices = start_devices(processes, args, key,
                                               count, folder)
        config = write_config(folder, anchor, links)
        (folder / "state").mkdir()
        spdmd = processes.start("spdmd", [
            args.build / "daemon/spdmd", "--config", config,
            "--bus-address", f"unix:path={socket_path}",
            "--state-dir", folder / "state", "--log-stderr"])
        log_path = folder / "spdmd.log"
        wait_until(lambda: passed_count(log_path) >= count,
                   f"first round of {count} attestations")
        return measure_rounds(spdmd, devices, socket_path, log_path, count)
    finally:
        processes.stop_all()
        shutil.rmtree(folder, ignore_errors=True)


def run_round(connection, log_path, count, done_before, spdmd, devices):
    """Attest every endpoint again; return the round time and the CPU
    time of spdmd and of the devices in it, in seconds.

    The CPU times stop when the last attestation is logged, before the
    GetManagedObjects call that reads the round's times.
    """
    cpu_before = cpu_seconds(spdmd.pid)
    devices_before = sum(cpu_seconds(device.pid) for device in devices)
    for index in range(count):
        proxy = connection.get_object(SERVICE, f"{ROOT}/dev{index}",
                                      introspect=False)
        proxy.Attest(dbus_interface=ENDPOINT, timeout=60)
    wait_until(lambda: passed_count(log_path) >= done_before + count,
               f"a round of {count} attestations")
    cpu = cpu_seconds(spdmd.pid) - cpu_before
    devices_cpu = (sum(cpu_seconds(device.pid) for device in devices)
                   - devices_before)
    times = endpoint_times(connection)
    if any(state != "verified" for _, _, _, state in times):
        raise BenchError(f"not every endpoint verified: {times}")
    round_ms = (max(updated for _, updated, _, _ in times)
                - min(attempt for attempt, _, _, _ in times))
    return round_ms / 1000, cpu, devices_cpu


def measure_rounds(spdmd, devices, socket_path, log_path, count):
    """Attest every endpoint again, in enough rounds for at least
    MIN_MEASURED attestations, and measure them; the round time is the
    median round."""
    connection = dbus.bus.BusConnection(f"unix:path={socket_path}")
    rounds = max(MIN_ROUNDS, -(-MIN_MEASURED // count))
    measured = [run_round(connection, log_path, count, (1 + index) * count,
                          spdmd, devices)
                for index in range(rounds)]
    connection.close()
    attestations = rounds * count
    cpu = sum(spdmd_cpu for _, spdmd_cpu, _ in measured)
    devices_cpu = sum(device_cpu for _, _, device_cpu in measured)
    return {"endpoints": count, "rounds": rounds,
            "round_s": statistics.median(time for time, _, _ in measured),
            "cpu_per_attestation_ms": 1000 * cpu / attestations,
            "devices_cpu_per_attestation_ms":
                1000 * devices_cpu / attestations,
            "peak_rss_mib": peak_rss_kib(spdmd.pid) / 1024}


def crypto_floor(args, key):
    identity = identity_folder(args, key)
    output = subprocess.run(
        [args.build / "bench/crypto-floor",
         identity / "bundle_responder.certchain.der",
         identity / "end_responder.key", identity / "ca.cert.der"],
        capture_output=True, text=True, check=True, timeout=STEP_TIMEOUT)
    return json.loads(output.stdout)


def machine_text():
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kib = int(line.split()[1])
    return (f"{model}, {os.cpu_count()} CPUs, "
            f"{memory_kib / 1024 / 1024:.1f} GiB, Linux "
            f"{platform.release()}")


def load_average():
    """Return the 1-minute load average: other work on the host stretches
    the round times, and the CPU times too (by 30-60 % for the crypto
    floor at a load average of 6-8 on 2 CPUs), so the report shows it."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def verdict(passed):
    return "meets target" if passed else "MISSES target"


def report_setup(args, key, floor):
    print(f"devices: spdm-responder, {DEVICE_KEYS[key][1]} / SHA-384, "
          f"SPDM 1.2, each response {args.delay_ms} ms after its request, "
          f"Unix sockets")
    print(f"crypto floor: {floor['floor_us'] / 1000:.2f} ms per "
          f"attestation (CHALLENGE_AUTH {floor['challenge_verify_us']:.0f}"
          f" us + MEASUREMENTS {floor['measurements_verify_us']:.0f} us + "
          f"certificate signatures {floor['cert_signatures_us']:.0f} us; "
          f"whole chain validation {floor['chain_validate_us']:.0f} us)")


def report_table(results, floor_ms):
    one = results[0]["round_s"]
    print(f"{'endpoints':>9}  {'rounds':>6}  {'round s':>8}  {'vs one':>7}  "
          f"{'CPU ms/att':>10}  {'vs floor':>8}  {'devices ms/att':>14}  "
          f"{'peak RSS MiB':>12}")
    for result in results:
        print(f"{result['endpoints']:>9}  {result['rounds']:>6}  "
              f"{result['round_s']:>8.3f}  "
              f"{result['round_s'] / one:>6.2f}x  "
              f"{result['cpu_per_attestation_ms']:>10.2f}  "
              f"{result['cpu_per_attestation_ms'] / floor_ms:>7.2f}x  "
              f"{result['devices_cpu_per_attestation_ms']:>14.2f}  "
              f"{result['peak_rss_mib']:>12.1f}")


def report_cpu_bound(result, one_s):
    """Print the shortest round that the CPU time measured allows.

    spdmd and the devices share the host's CPUs, so a round of N
    attestations takes at least N times their CPU time per attestation,
    spread over every CPU, and never less than one attestation alone.
    The estimate assumes CPUs that nothing else uses.
    """
    cpus = os.cpu_count() or 1
    per_attestation_ms = (result["cpu_per_attestation_ms"]
                          + result["devices_cpu_per_attestation_ms"])
    bound_s = max(one_s,
                  result["endpoints"] * per_attestation_ms / 1000 / cpus)
    print(f"  CPU-bound estimate: a round of {result['endpoints']} needs "
          f"at least {bound_s:.3f} s ({bound_s / one_s:.2f}x one): "
          f"{per_attestation_ms:.2f} ms of spdmd and device CPU per "
          f"attestation on {cpus} CPUs")


def report_signed_exchange_bound(args, count, one_s, floor):
    """Print the shortest round that the signatures alone allow.

    A round starts every flow at once, so the last two exchanges of all
    of them (CHALLENGE and GET_MEASUREMENTS) also start together, about
    two device delays before a lone flow ends. In those exchanges each
    device signs twice and spdmd verifies twice, on one thread. The
    signing and verifying times come from crypto-floor in this run.
    """
    cpus = os.cpu_count() or 1
    sign_s = floor["device_sign_us"] / 1e6
    verify_s = (floor["challenge_verify_us"]
                + floor["measurements_verify_us"]) / 1e6
    start_s = max(0.0, one_s - 2 * args.delay_ms / 1000)
    work_s = max(count * (sign_s + verify_s) / cpus, count * verify_s)
    bound_s = max(one_s, start_s + work_s)
    print(f"  signed-exchange estimate: a round of {count} needs at least "
          f"{bound_s:.3f} s ({bound_s / one_s:.2f}x one): "
          f"{1000 * sign_s:.2f} ms of device signing and "
          f"{1000 * verify_s:.2f} ms of spdmd verifying per attestation "
          f"in the last two exchanges")


def report_targets(args, results, floor):
    floor_ms = floor["floor_us"] / 1000
    by_count = {result["endpoints"]: result for result in results}
    if 64 in by_count and 1 in by_count:
        ratio = by_count[64]["round_s"] / by_count[1]["round_s"]
        print(f"64 endpoints vs one: {ratio:.2f}x (target <= "
              f"{TARGET_SCALING}x): {verdict(ratio <= TARGET_SCALING)}")
        report_cpu_bound(by_count[64], by_count[1]["round_s"])
        report_signed_exchange_bound(args, 64, by_count[1]["round_s"],
                                     floor)

    worst = max(result["cpu_per_attestation_ms"] for result in results)
    print(f"CPU per attestation, worst: {worst / floor_ms:.2f}x floor "
          f"(target <= {TARGET_CPU_OVER_FLOOR}x): "
          f"{verdict(worst / floor_ms <= TARGET_CPU_OVER_FLOOR)}")

    if 256 in by_count:
        rss = by_count[256]["peak_rss_mib"]
        print(f"256 endpoints peak RSS: {rss:.1f} MiB (target < "
              f"{TARGET_RSS_MIB} MiB): {verdict(rss < TARGET_RSS_MIB)}")


def report(args, key, results, floor):
    floor_ms = floor["floor_us"] / 1000
    print()
    report_setup(args, key, floor)
    print()
    report_table(results, floor_ms)
    print()
    report_targets(args, results, floor)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=Path, required=True,
                        help="the meson build folder")
    parser.add_argument("--testdata", type=Path, required=True,
                        help="the shared test data folder")
    parser.add_argument("--counts", default="1,8,64,256",
                        help="endpoint counts, comma-separated; the first "
                        "is the baseline (default 1,8,64,256)")
    parser.add_argument("--keys", default="ecp384",
                        help="the DMTF sample identities the devices "
                        "present, one measurement each, comma-separated: "
                        f"{', '.join(DEVICE_KEYS)} (default ecp384)")
    parser.add_argument("--delay-ms", type=int, default=20,
                        help="milliseconds from each request to its "
                        "response (default 20)")
    return parser.parse_args()


def main():
    args = parse_arguments()
    counts = [int(count) for count in args.counts.split(",")]
    keys = args.keys.split(",")
    unknown = [key for key in keys if key not in DEVICE_KEYS]
    if unknown:
        raise BenchError(f"--keys: unknown identity {unknown[0]!r}; "
                         f"choose from {', '.join(DEVICE_KEYS)}")
    loads = [load_average()]
    measured = []
    for key in keys:
        floor = crypto_floor(args, key)
        results = []
        for count in counts:
            print(f"attest-bench: {key}, {count} endpoints...",
                  file=sys.stderr)
            results.append(measure(args, key, count))
        measured.append((key, results, floor))
    loads.append(load_average())
    print(f"machine: {machine_text()}")
    print(f"load average (1 min) at start and end: {loads[0]:.2f}, "
          f"{loads[1]:.2f}")
    for key, results, floor in measured:
        report(args, key, results, floor)


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        print(f"attest-bench: {error}", file=sys.stderr)
        sys.exit(1)
