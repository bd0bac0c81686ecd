# SPDX-License-Identifier: BSD-3-Clause
"""Talking to spdmd and the mock mctpd over a private D-Bus bus.

Everything the daemon tests assert about spdmd goes through here: its
objects, their properties and its methods, read with python3-dbus and
converted to plain Python values (str, int, bool, bytes, list, tuple,
dict).
"""

import time

import dbus

SERVICE = "xyz.openbmc_project.spdmd"
ROOT = "/xyz/openbmc_project/component_integrity"
CERTS_ROOT = "/xyz/openbmc_project/certs/devices"
OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager"
PROPERTIES = "org.freedesktop.DBus.Properties"

ATTESTATION = "xyz.openbmc_project.Attestation."
COMPONENT_INTEGRITY = ATTESTATION + "ComponentIntegrity"
IDENTITY_AUTHENTICATION = ATTESTATION + "IdentityAuthentication"
MEASUREMENT_SET = ATTESTATION + "MeasurementSet"
ASSOCIATIONS = "xyz.openbmc_project.Association.Definitions"
CERTIFICATE = "xyz.openbmc_project.Certs.Certificate"
ENDPOINT = "io.github.spdmd.Endpoint1"

TYPE_SPDM = COMPONENT_INTEGRITY + ".SecurityTechnologyType.SPDM"
STATUS_PREFIX = IDENTITY_AUTHENTICATION + ".VerificationStatus."
STATUS_SUCCESS = STATUS_PREFIX + "Success"
STATUS_FAILED = STATUS_PREFIX + "Failed"
STATUS_UNKNOWN = STATUS_PREFIX + "Unknown"

INVALID_ARGUMENT = "xyz.openbmc_project.Common.Error.InvalidArgument"
INTERNAL_FAILURE = "xyz.openbmc_project.Common.Error.InternalFailure"

# Seconds one method call may take; spdmd must reply within 20 s.
CALL_TIMEOUT = 25
# Seconds between two looks at the bus while waiting for a state.
POLL_INTERVAL = 0.05


def plain(value):
    """Convert a dbus-python value to the plain Python value."""
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (dbus.String, dbus.ObjectPath, dbus.Signature)):
        return str(value)
    if isinstance(value, dbus.Byte):
        return int(value)
    if isinstance(value, (dbus.Int16, dbus.Int32, dbus.Int64, dbus.UInt16,
                          dbus.UInt32, dbus.UInt64)):
        return int(value)
    if isinstance(value, dbus.Array) and value.signature == "y":
        return bytes(int(byte) for byte in value)
    if isinstance(value, dbus.Dictionary):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, dbus.Struct):
        return tuple(plain(item) for item in value)
    if isinstance(value, (dbus.Array, list)):
        return [plain(item) for item in value]
    return value


class WaitTimeout(AssertionError):
    """A state on the bus did not come about in time."""


class Bus:
    """A connection to the private bus of one test."""

    def __init__(self, address):
        self.address = address
        self.connection = dbus.bus.BusConnection(address)

    def close(self):
        self.connection.close()

    def has_owner(self, name):
        return bool(self.connection.name_has_owner(name))

    def managed_objects(self, service=SERVICE, root=ROOT):
        """Return {path: {interface: {property: value}}} of a service."""
        proxy = self.connection.get_object(service, root, introspect=False)
        objects = proxy.GetManagedObjects(dbus_interface=OBJECT_MANAGER,
                                          timeout=CALL_TIMEOUT)
        return plain(objects)

    def endpoints(self):
        """Return {id: interfaces} of spdmd's endpoint objects."""
        prefix = ROOT + "/"
        return {path[len(prefix):]: interfaces
                for path, interfaces in self.managed_objects().items()
                if path.startswith(prefix)}

    def get_all(self, path, interface, service=SERVICE):
        proxy = self.connection.get_object(service, path, introspect=False)
        return plain(proxy.GetAll(interface, dbus_interface=PROPERTIES,
                                  timeout=CALL_TIMEOUT))

    def introspect(self, path, service=SERVICE):
        proxy = self.connection.get_object(service, path, introspect=False)
        return str(proxy.Introspect(
            dbus_interface="org.freedesktop.DBus.Introspectable",
            timeout=CALL_TIMEOUT))

    def attest(self, endpoint_id):
        proxy = self.connection.get_object(SERVICE, f"{ROOT}/{endpoint_id}",
                                           introspect=False)
        proxy.Attest(dbus_interface=ENDPOINT, timeout=CALL_TIMEOUT)

    def get_signed_measurements(self, endpoint_id, indices, nonce, slot,
                                size_type="t"):
        """Call SPDMGetSignedMeasurements; return the reply as a dict.

        size_type is the D-Bus type of the size_t arguments: "t" where
        size_t has 64 bits, "u" where it has 32.
        """
        number = dbus.UInt64 if size_type == "t" else dbus.UInt32
        proxy = self.connection.get_object(SERVICE, f"{ROOT}/{endpoint_id}",
                                           introspect=False)
        reply = proxy.SPDMGetSignedMeasurements(
            dbus.Array([number(i) for i in indices], signature=size_type),
            dbus.String(nonce), number(slot),
            dbus_interface=MEASUREMENT_SET, timeout=CALL_TIMEOUT)
        names = ("Certificate", "HashingAlgorithm", "PublicKey",
                 "SignedMeasurements", "SigningAlgorithm", "Version")
        return dict(zip(names, plain(reply)))

    def wait_for(self, predicate, timeout, what):
        """Poll until predicate() returns a true value; return it.

        Raises WaitTimeout naming what was awaited and the last endpoint
        states seen.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = predicate()
            except dbus.DBusException:
                value = None
            if value:
                return value
            if time.monotonic() >= deadline:
                raise WaitTimeout(
                    f"{what}: not reached in {timeout} s; endpoints: "
                    f"{self._states_text()}")
            time.sleep(POLL_INTERVAL)

    def wait_for_state(self, endpoint_id, states, timeout):
        """Wait until the endpoint's State is one of states; return the
        endpoint's interfaces."""
        if isinstance(states, str):
            states = (states,)

        def reached():
            interfaces = self.endpoints().get(endpoint_id)
            if interfaces and interfaces[ENDPOINT]["State"] in states:
                return interfaces
            return None

        return self.wait_for(reached, timeout,
                             f"{endpoint_id} in state {'/'.join(states)}")

    def attest_until(self, endpoint_id, states, timeout):
        """Call Attest() until an attestation ends in one of states;
        return the endpoint's interfaces.

        An attestation that ends elsewhere (a link still reconnecting)
        is followed by another call, until timeout seconds have passed.
        """
        if isinstance(states, str):
            states = (states,)
        deadline = time.monotonic() + timeout
        while True:
            count = self.endpoints()[endpoint_id][ENDPOINT][
                "AttestationCount"]
            self.attest(endpoint_id)

            def finished():
                project = self.endpoints()[endpoint_id][ENDPOINT]
                if (project["AttestationCount"] > count
                        and project["State"] != "attesting"):
                    return self.endpoints()[endpoint_id]
                return None

            interfaces = self.wait_for(
                finished, max(deadline - time.monotonic(), 0.1),
                f"{endpoint_id} attested again")
            if interfaces[ENDPOINT]["State"] in states:
                return interfaces
            if time.monotonic() >= deadline:
                raise WaitTimeout(
                    f"{endpoint_id} in state {'/'.join(states)}: not "
                    f"reached in {timeout} s; endpoints: "
                    f"{self._states_text()}")
            time.sleep(0.2)

    def _states_text(self):
        try:
            endpoints = self.endpoints()
        except dbus.DBusException as error:
            return f"(spdmd not reachable: {error.get_dbus_name()})"
        return ", ".join(
            f"{name}={interfaces.get(ENDPOINT, {}).get('State')}/"
            f"{interfaces.get(ENDPOINT, {}).get('Reason')}"
            for name, interfaces in sorted(endpoints.items())) or "none"
