#!/bin/bash
# Installs the Debian 12 packages that building and testing spdmd need.
# Only missing packages are installed, so a second run does nothing.
set -eu

packages=(
	# build
	meson ninja-build pkg-config gcc
	libssl-dev libsystemd-dev libcmocka-dev libinih-dev
	# tools the tests and scripts run
	openssl python3 python3-pytest python3-jsonschema python3-dbus
	dbus dbus-daemon strace
	# sanitizer, fuzzing and valgrind passes
	valgrind clang-14 libclang-rt-14-dev
	# static analysis (scripts/analyze.sh)
	clang-tidy-14
)

missing=()
for package in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
	if [ "$status" != "install ok installed" ]; then
		missing+=("$package")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps.sh: missing packages: ${missing[*]}" >&2
	echo "Run this script as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi

echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -q -y --no-install-recommends "${missing[@]}" </dev/null
