/* SPDX-License-Identifier: BSD-3-Clause */
/* The D-Bus objects of spdmd: endpoints, certificates, object managers. */
#ifndef SPDMD_DBUS_OBJECTS_H
#define SPDMD_DBUS_OBJECTS_H

#include <stdint.h>

#include <systemd/sd-bus.h>

#include "endpoint.h"

#define DBUS_COMPONENT_INTEGRITY                                               \
	"xyz.openbmc_project.Attestation.ComponentIntegrity"
#define DBUS_IDENTITY_AUTHENTICATION                                           \
	"xyz.openbmc_project.Attestation.IdentityAuthentication"
#define DBUS_MEASUREMENT_SET  "xyz.openbmc_project.Attestation.MeasurementSet"
#define DBUS_ASSOCIATIONS     "xyz.openbmc_project.Association.Definitions"
#define DBUS_PROJECT_ENDPOINT "io.github.spdmd.Endpoint1"
#define DBUS_CERTIFICATE      "xyz.openbmc_project.Certs.Certificate"

/* Kinds of change on an endpoint, for dbus_endpoint_emit_changes(). */
#define ENDPOINT_CHANGED_RESULT	 (1u << 0) /* an attestation ended */
#define ENDPOINT_CHANGED_STATE	 (1u << 1) /* State, LastAttempt */
#define ENDPOINT_CHANGED_UUID	 (1u << 2)
#define ENDPOINT_CHANGED_ENABLED (1u << 3)
#define ENDPOINT_CHANGED_CERTS	 (1u << 4) /* a certificate object */

extern const sd_bus_vtable dbus_project_vtable[];

/* Adds the ObjectManagers of the endpoint and certificate trees. */
int dbus_add_object_managers(struct spdmd *daemon);

/*
 * Exports the endpoint object's interfaces. Once the daemon runs, the new
 * object is announced with InterfacesAdded.
 */
int dbus_endpoint_export(struct endpoint *endpoint);
/* Announces InterfacesRemoved and takes the interfaces off the bus. */
void dbus_endpoint_unexport(struct endpoint *endpoint);
/* Emits PropertiesChanged for what changes (ENDPOINT_CHANGED_*) names. */
void dbus_endpoint_emit_changes(struct endpoint *endpoint,
				unsigned int changes);
void dbus_project_emit_changes(struct endpoint *endpoint, unsigned int changes);

/*
 * Creates or updates the certificate object of a slot from a slot object
 * read from the device. Returns 1 when it created the object, 0 when it
 * updated it or nothing changed, or a negative errno when the chain's
 * certificates do not parse (no object is made then).
 */
int dbus_cert_publish(struct endpoint *endpoint, uint8_t slot,
		      const uint8_t *slot_object, size_t size,
		      uint32_t base_hash_algo);
/* Removes every certificate object of an endpoint. */
void dbus_cert_remove_all(struct endpoint *endpoint);

#endif /* SPDMD_DBUS_OBJECTS_H */
