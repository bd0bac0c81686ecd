#!/usr/bin/env python3
"""Sum the results of test suites into one line: "N passed, N failed".

Each argument is NAME=FILE, where FILE is either a meson test log
(meson-logs/*.json, one JSON object per test) or a JUnit XML report
(pytest --junitxml). A skipped test counts as failed, because every test
must run on the supported machine. A suite whose report is missing or
unreadable counts as one failed test. Per-suite lines go to
stderr and the total to stdout. The exit status is 0 only when nothing
failed.
"""

import json
import sys
import xml.etree.ElementTree as ElementTree

# meson test results that count as passed. Every other result is a failure.
MESON_PASSED = {"OK", "EXPECTEDFAIL"}


def count_meson(path):
    """Return (passed, failed, skipped) from a meson test log."""
    passed = failed = skipped = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            if not line.strip():
                continue
            result = json.loads(line)["result"]
            if result in MESON_PASSED:
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


def count_junit(path):
    """Return (passed, failed, skipped) from a JUnit XML report."""
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    total = failed = skipped = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return total - failed - skipped, failed, skipped


def count(path):
    """Return (passed, failed, skipped) from a report of either format."""
    if path.endswith(".xml"):
        return count_junit(path)
    return count_meson(path)


def main(arguments):
    total_passed = total_failed = 0
    for argument in arguments:
        name, _, path = argument.partition("=")
        try:
            passed, failed, skipped = count(path)
        except (OSError, ValueError, KeyError, ElementTree.ParseError) as error:
            print(f"{name}: no results ({error}); counted as 1 failed",
                  file=sys.stderr)
            total_failed += 1
            continue
        print(f"{name}: {passed} passed, {failed} failed, {skipped} skipped",
              file=sys.stderr)
        total_passed += passed
        total_failed += failed + skipped
    print(f"{total_passed} passed, {total_failed} failed")
    return 0 if total_failed == 0 and total_passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
